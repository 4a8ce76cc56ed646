using System.Net.Security;
using Workforce.ServiceDefaults.Transport;
using Workforce.Testing;
using Xunit;

namespace Workforce.ServiceDefaults.Tests;

public sealed class ClientCertificateValidatorTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("wf-certs-").FullName;

    [Fact]
    public void A_certificate_that_chains_to_the_trusted_CA_is_accepted_and_others_are_not()
    {
        using var ca = TestCertificates.CreateCa("Workforce test CA");
        using var otherCa = TestCertificates.CreateCa("Someone else's CA");
        using var ours = TestCertificates.CreateClient("hr-feed", ca);
        using var theirs = TestCertificates.CreateClient("hr-feed", otherCa);
        using var stranger = TestCertificates.CreateClient("stranger");
        var validator = new ClientCertificateValidator(new ClientCertificateOptions { TrustedCaPath = TestCertificates.WritePem(ca, _directory) });

        // Kestrel reports chain errors for a private CA; the validator decides by its own chain.
        Assert.True(validator.Validate(ours, null, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(validator.Validate(theirs, null, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(validator.Validate(stranger, null, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void An_allow_listed_thumbprint_is_accepted_whatever_its_issuer_and_an_unlisted_one_is_not()
    {
        using var listed = TestCertificates.CreateClient("listed");
        using var unlisted = TestCertificates.CreateClient("unlisted");
        var thumbprint = ClientCertificateValidator.Thumbprint(listed);
        var validator = new ClientCertificateValidator(new ClientCertificateOptions { AllowedThumbprints = [thumbprint.ToLowerInvariant()] });

        Assert.True(validator.Validate(listed, null, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(validator.Validate(unlisted, null, SslPolicyErrors.RemoteCertificateChainErrors));
        // Trusted by the platform is not enough once an allow-list is configured.
        Assert.False(validator.Validate(unlisted, null, SslPolicyErrors.None));
    }

    [Fact]
    public void With_nothing_configured_the_platform_verdict_stands()
    {
        using var client = TestCertificates.CreateClient("client");
        var validator = new ClientCertificateValidator(new ClientCertificateOptions());

        Assert.True(validator.Validate(client, null, SslPolicyErrors.None));
        Assert.False(validator.Validate(client, null, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
