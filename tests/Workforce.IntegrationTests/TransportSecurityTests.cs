using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Net.Client;
using Workforce.ServiceDefaults.Auth;
using Workforce.Testing;
using Workforce.V1;
using Xunit;

namespace Workforce.IntegrationTests;

/// <summary>TLS on the gRPC listener with a certificate made at test time, and client certificates (mTLS) checked against a private CA.</summary>
public sealed class TransportSecurityTests : IDisposable
{
    private const string Authority = "841";
    private const string Password = "test-pfx-password";

    private readonly string _directory = TestEnvironment.NewScratchDirectory("tls");
    private readonly X509Certificate2 _server = TestCertificates.CreateServer();
    private readonly X509Certificate2 _ca = TestCertificates.CreateCa("Workforce test client CA");

    [Fact]
    public async Task Over_TLS_a_client_that_trusts_the_certificate_is_answered_and_others_are_refused()
    {
        await using var workforce = await LoneWorkforce.StartAsync(TlsSettings(), grpcTls: true);

        var trusting = await CallAsync(workforce.Service.GrpcAddress, trustServer: true, clientCertificate: null);
        var distrusting = await CallAsync(workforce.Service.GrpcAddress, trustServer: false, clientCertificate: null);
        var plaintext = await CallAsync(new Uri($"http://127.0.0.1:{workforce.Service.GrpcPort}"), trustServer: true, clientCertificate: null);

        Assert.Equal(StatusCode.OK, trusting);
        Assert.NotEqual(StatusCode.OK, distrusting);
        Assert.NotEqual(StatusCode.OK, plaintext);
    }

    [Fact]
    public async Task The_HTTP_listener_takes_TLS_from_its_Kestrel_endpoint_and_serves_JSON_only_over_it()
    {
        var settings = new Dictionary<string, string>
        {
            ["Kestrel__Endpoints__Http__Certificate__Path"] = TestCertificates.WritePfx(_server, _directory, Password),
            ["Kestrel__Endpoints__Http__Certificate__Password"] = Password,
        };
        await using var workforce = await LoneWorkforce.StartAsync(settings, httpTls: true);
        var token = TestTokens.Create([WorkforceRoles.Analyst], [Authority]);
        var path = $"/v1/authorities/{Authority}/agency-rate";
        var trusting = new SocketsHttpHandler();
        trusting.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == _server.GetCertHashString();

        var overTls = await JsonHttp.SendAsync(workforce.Service, new HttpRequestMessage(HttpMethod.Get, path), token, trusting);
        var distrusting = await Assert.ThrowsAsync<HttpRequestException>(() => JsonHttp.GetRawAsync(workforce.Service, path, token));
        using var plaintext = new HttpClient();
        var plain = await Assert.ThrowsAnyAsync<Exception>(() => plaintext.GetAsync(new Uri($"http://127.0.0.1:{workforce.Service.HttpPort}{path}")));

        Assert.Equal((System.Net.HttpStatusCode.OK, "https"), (overTls.Status, workforce.Service.HttpAddress.Scheme));
        Assert.NotNull(distrusting.InnerException);
        Assert.NotNull(plain);
    }

    [Fact]
    public async Task In_mTLS_mode_only_a_client_certificate_from_the_trusted_CA_or_the_allow_list_gets_through()
    {
        using var ours = TestCertificates.CreateClient("hr-feed", _ca);
        using var listed = TestCertificates.CreateClient("listed-client");
        using var stranger = TestCertificates.CreateClient("stranger");
        using var otherCa = TestCertificates.CreateCa("Someone else's CA");
        using var theirs = TestCertificates.CreateClient("hr-feed", otherCa);
        var settings = new Dictionary<string, string>(TlsSettings())
        {
            ["Kestrel__Endpoints__Grpc__ClientCertificateMode"] = "RequireCertificate",
            ["Tls__ClientCertificates__TrustedCaPath"] = TestCertificates.WritePem(_ca, _directory),
            ["Tls__ClientCertificates__AllowedThumbprints__0"] = Workforce.ServiceDefaults.Transport.ClientCertificateValidator.Thumbprint(listed),
        };
        await using var workforce = await LoneWorkforce.StartAsync(settings, grpcTls: true);
        var address = workforce.Service.GrpcAddress;

        Assert.NotEqual(StatusCode.OK, await CallAsync(address, trustServer: true, clientCertificate: null));
        Assert.NotEqual(StatusCode.OK, await CallAsync(address, trustServer: true, clientCertificate: stranger));
        Assert.NotEqual(StatusCode.OK, await CallAsync(address, trustServer: true, clientCertificate: theirs));
        Assert.Equal(StatusCode.OK, await CallAsync(address, trustServer: true, clientCertificate: ours));
        Assert.Equal(StatusCode.OK, await CallAsync(address, trustServer: true, clientCertificate: listed));
    }

    private Dictionary<string, string> TlsSettings() => new()
    {
        ["Kestrel__Endpoints__Grpc__Certificate__Path"] = TestCertificates.WritePfx(_server, _directory, Password),
        ["Kestrel__Endpoints__Grpc__Certificate__Password"] = Password,
    };

    /// <summary>A query with a valid token over a fresh connection; any failure to connect is a status, as the client sees it.</summary>
    private async Task<StatusCode> CallAsync(Uri address, bool trustServer, X509Certificate2? clientCertificate)
    {
        var handler = new SocketsHttpHandler();
        if (trustServer)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == _server.GetCertHashString();
        }

        if (clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [clientCertificate];
        }

        using var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler });
        try
        {
            await new StaffRegister.StaffRegisterClient(channel).GetAgencyRateAsync(
                new FigureRequest { Authority = Authority },
                Suite.Bearer(TestTokens.Create([WorkforceRoles.Analyst], [Authority])),
                DateTime.UtcNow.AddSeconds(20));
            return StatusCode.OK;
        }
        catch (RpcException error)
        {
            return error.StatusCode;
        }
    }

    public void Dispose()
    {
        _server.Dispose();
        _ca.Dispose();
    }
}
