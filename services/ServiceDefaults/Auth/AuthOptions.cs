using System.ComponentModel.DataAnnotations;

namespace Workforce.ServiceDefaults.Auth;

/// <summary>JWT bearer validation settings (section <c>Auth</c>).</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    [Required]
    public string Issuer { get; set; } = "";

    [Required]
    public string Audience { get; set; } = "";

    /// <summary>HMAC-SHA256 key shared with the token issuer; at least 32 bytes of UTF-8.</summary>
    [Required, MinLength(32)]
    public string SigningKey { get; set; } = "";
}
