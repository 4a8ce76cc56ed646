using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Workforce.ServiceDefaults.Transport;

/// <summary>
/// Which client certificates an mTLS listener accepts (section <c>Tls:ClientCertificates</c>); the listener asks for
/// one when its endpoint sets <c>ClientCertificateMode</c> (e.g. <c>Kestrel:Endpoints:Grpc:ClientCertificateMode=RequireCertificate</c>).
/// </summary>
public sealed class ClientCertificateOptions
{
    public const string Section = "Tls:ClientCertificates";

    /// <summary>A CA certificate (PEM or DER): certificates that chain to it are accepted.</summary>
    public string? TrustedCaPath { get; set; }

    /// <summary>SHA-256 thumbprints (hex) of certificates accepted whatever their issuer.</summary>
    public List<string> AllowedThumbprints { get; set; } = [];
}

/// <summary>Kestrel's client-certificate validation callback: an allow-list of thumbprints, then a chain to the configured CA.</summary>
public sealed class ClientCertificateValidator
{
    private readonly X509Certificate2? _trustedCa;
    private readonly HashSet<string> _thumbprints;

    public ClientCertificateValidator(ClientCertificateOptions options)
    {
        _trustedCa = string.IsNullOrWhiteSpace(options.TrustedCaPath) ? null : X509CertificateLoader.LoadCertificateFromFile(options.TrustedCaPath);
        _thumbprints = options.AllowedThumbprints.Select(t => t.Replace(":", "", StringComparison.Ordinal).Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    public static string Thumbprint(X509Certificate2 certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256);

    /// <summary>
    /// Accepts a certificate on the allow-list, or one that chains to the configured CA (revocation is not checked: a
    /// private CA rarely publishes a CRL; remove a certificate by rotating the CA or by the allow-list). With neither
    /// configured, the platform's own verdict stands.
    /// </summary>
    public bool Validate(X509Certificate2 certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (_thumbprints.Contains(Thumbprint(certificate)))
        {
            return true;
        }

        if (_trustedCa is null)
        {
            return _thumbprints.Count == 0 && errors == SslPolicyErrors.None;
        }

        using var ownChain = new X509Chain();
        ownChain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        ownChain.ChainPolicy.CustomTrustStore.Add(_trustedCa);
        ownChain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        ownChain.ChainPolicy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.2"));
        return ownChain.Build(certificate);
    }
}
