using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Ledger.Infrastructure.ApiKeys;

/// <summary>
/// A key's text, <c>ldg_&lt;keyId&gt;_&lt;secret&gt;</c>. The key id names the key in lists and logs without
/// revealing it; the whole text is what gets hashed, so the id cannot be swapped onto another secret.
/// </summary>
public static class ApiKeySecret
{
    public const string Prefix = "ldg_";

    /// <summary>Longer than any key Ledger issues or a seed could sensibly hold; longer text is refused unhashed.</summary>
    public const int MaxLength = 256;

    private const int MaxKeyIdLength = 64;

    public static bool TryParseKeyId(string? key, [NotNullWhen(true)] out string? keyId)
    {
        keyId = null;
        if (key is null || key.Length > MaxLength || !key.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var separator = key.IndexOf('_', Prefix.Length);
        if (separator < 0 || separator == key.Length - 1)
        {
            return false;
        }

        var id = key[Prefix.Length..separator];
        if (!IsValidKeyId(id))
        {
            return false;
        }

        keyId = id;
        return true;
    }

    /// <summary>Letters, digits and hyphens: the id sits between underscores and in a URL path.</summary>
    public static bool IsValidKeyId(string? keyId) =>
        !string.IsNullOrEmpty(keyId) && keyId.Length <= MaxKeyIdLength && keyId.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>A fresh key: 48 bits of id (enough not to collide in a key table) and 256 bits of secret.</summary>
    public static (string KeyId, string Key) Generate()
    {
        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (keyId, $"{Prefix}{keyId}_{secret}");
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
