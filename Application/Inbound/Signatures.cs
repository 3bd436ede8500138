using System.Security.Cryptography;
using System.Text;

namespace Ledger.Application.Inbound;

/// <summary>Signature and token checks in constant time, so a forger learns nothing from how long a refusal takes.</summary>
public static class Signatures
{
    /// <summary>Whether <paramref name="base64Signature"/> is the base64 HMAC-SHA256 of <paramref name="body"/> under any of <paramref name="secrets"/> (current and previous, during a rotation).</summary>
    public static bool IsValidBase64HmacSha256(ReadOnlySpan<byte> body, string? base64Signature, IEnumerable<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        if (string.IsNullOrEmpty(base64Signature))
        {
            return false;
        }

        Span<byte> given = stackalloc byte[64];
        if (!Convert.TryFromBase64String(base64Signature.Trim(), given, out var written) || written != 32)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[32];
        var valid = false;
        foreach (var secret in secrets.Where(s => !string.IsNullOrEmpty(s)))
        {
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body, expected);
            // Keep comparing after a match: the time taken must not depend on which secret matched.
            valid |= CryptographicOperations.FixedTimeEquals(expected, given[..32]);
        }

        return valid;
    }

    /// <summary>Whether a shared-secret token matches any accepted token.</summary>
    public static bool IsValidToken(string? token, IEnumerable<string> accepted)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        if (string.IsNullOrEmpty(token))
        {
            return false;
        }

        var given = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        var valid = false;
        foreach (var candidate in accepted.Where(a => !string.IsNullOrEmpty(a)))
        {
            // Hashing both sides first makes the comparison length-independent.
            valid |= CryptographicOperations.FixedTimeEquals(given, SHA256.HashData(Encoding.UTF8.GetBytes(candidate)));
        }

        return valid;
    }
}
