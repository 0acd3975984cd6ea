using System.Buffers.Text;
using System.Text.RegularExpressions;
using LlmSecOps.Guard.Scanners.Common;

namespace LlmSecOps.Guard.Scanners.Secrets;

/// <summary>Validation shared by the credential rules: entropy, placeholders, context, decoding.</summary>
internal static class SecretChecks
{
    private const int PemSearchLimit = 64 * 1024;

    // Fragments that mark a value as a stand-in rather than a credential. Matched on the
    // lower-cased value.
    private static readonly string[] PlaceholderFragments =
    [
        "changeme", "change_me", "change-me", "example", "placeholder", "your_", "your-", "yourkey",
        "your key", "dummy", "redacted", "xxxx", "****", "....", "replace", "insert", "todo", "fixme",
        "sample", "fake", "notreal", "not-real", "not_real", "secret", "password", "passw0rd", "test",
        "<", ">", "${", "{{", "}}", "%(", "%s", "$(", "process.env", "os.environ", "getenv",
    ];

    private static readonly string[] PlaceholderWords =
    [
        "none", "null", "nil", "undefined", "true", "false", "empty", "required", "optional", "string",
        "pass", "secret", "token", "apikey", "api_key",
    ];

    private static readonly string[] ConnectionStringKeys =
    [
        "server=", "data source=", "host=", "user id=", "userid=", "uid=", "username=", "user=",
        "database=", "initial catalog=", "addr=", "address=", "port=", "dsn=",
    ];

    /// <summary>Whether a value is a template, an environment reference or an obvious stand-in.</summary>
    public static bool IsPlaceholder(ReadOnlySpan<char> value)
    {
        var trimmed = value.Trim();
        if (trimmed.IsEmpty || trimmed[0] == '$' || trimmed[0] == '%')
        {
            return true;
        }

        foreach (var word in PlaceholderWords)
        {
            if (trimmed.Equals(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        foreach (var fragment in PlaceholderFragments)
        {
            if (trimmed.Contains(fragment, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return DistinctChars(trimmed) <= 2;
    }

    /// <summary>Base check for context-free prefixed tokens whose random part could be a word.</summary>
    public static SecretCheck MinEntropy(double bits) =>
        (_, _, value, score) => ShannonEntropy.BitsPerChar(value) >= bits ? score : 0;

    /// <summary>Hugging Face tokens are mixed-case letters and digits; an identifier like <c>hf_modelcache…</c> is not.</summary>
    public static double MixedCaseRandom(string text, Match match, ReadOnlySpan<char> value, double score)
    {
        var body = value[3..];
        var hasUpper = body.ContainsAnyInRange('A', 'Z');
        var hasLower = body.ContainsAnyInRange('a', 'z');
        return hasUpper && hasLower && ShannonEntropy.BitsPerChar(body) >= 3.5 ? score : 0;
    }

    /// <summary>Letters and digits mixed, with entropy: random, not a word or a counter.</summary>
    public static double RandomAlphanumeric(string text, Match match, ReadOnlySpan<char> value, double score)
    {
        var hasDigit = value.ContainsAnyInRange('0', '9');
        var hasLetter = value.ContainsAnyInRange('a', 'z') || value.ContainsAnyInRange('A', 'Z');
        return hasDigit && hasLetter && ShannonEntropy.BitsPerChar(value) >= 3.0 ? score : 0;
    }

    /// <summary>An AWS secret access key: forty random base64 characters with AWS named nearby.</summary>
    public static double AwsSecretContext(string text, Match match, ReadOnlySpan<char> value, double score)
    {
        if (ShannonEntropy.CharClasses(value) < 3 || !value.ContainsAnyInRange('a', 'z') ||
            !value.ContainsAnyInRange('A', 'Z') || !value.ContainsAnyInRange('0', '9') ||
            ShannonEntropy.BitsPerChar(value) < 4.0)
        {
            return 0;
        }

        var start = Math.Max(0, match.Index - 300);
        var end = Math.Min(text.Length, match.Index + match.Length + 300);
        var window = text.AsSpan(start, end - start);
        return window.Contains("aws", StringComparison.OrdinalIgnoreCase) ||
               window.Contains("AKIA", StringComparison.Ordinal) ||
               window.Contains("ASIA", StringComparison.Ordinal)
            ? score
            : 0;
    }

    /// <summary>A SAS signature counts only inside a URL or query that also carries a service version.</summary>
    public static double AzureSasContext(string text, Match match, ReadOnlySpan<char> value, double score)
    {
        var start = match.Index;
        while (start > 0 && match.Index - start < 2048 && !char.IsWhiteSpace(text[start - 1]) && text[start - 1] is not ('"' or '\'' or '<'))
        {
            start--;
        }

        var end = match.Index + match.Length;
        while (end < text.Length && end - match.Index < 2048 && !char.IsWhiteSpace(text[end]) && text[end] is not ('"' or '\'' or '>'))
        {
            end++;
        }

        var token = text.AsSpan(start, end - start);
        return token.Contains("sv=", StringComparison.OrdinalIgnoreCase) &&
               (token.Contains("se=", StringComparison.OrdinalIgnoreCase) || token.Contains("sp=", StringComparison.OrdinalIgnoreCase))
            ? score
            : 0;
    }

    /// <summary>The first part of a Discord bot token is the base64 of the bot's numeric id.</summary>
    public static double DiscordId(string text, Match match, ReadOnlySpan<char> value, double score)
    {
        var id = match.Groups["id"].ValueSpan;
        Span<byte> decoded = stackalloc byte[32];
        if (!TryDecodeBase64Url(id, decoded, out var written) || written is < 17 or > 20)
        {
            return 0;
        }

        foreach (var b in decoded[..written])
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return 0;
            }
        }

        return score;
    }

    /// <summary>A JWT's header is base64url JSON naming its algorithm.</summary>
    public static double JwtHeader(string text, Match match, ReadOnlySpan<char> value, double score)
    {
        var dot = value.IndexOf('.');
        if (dot <= 0 || dot > 4096)
        {
            return 0;
        }

        Span<byte> decoded = stackalloc byte[3072];
        if (!TryDecodeBase64Url(value[..dot], decoded, out var written))
        {
            return 0;
        }

        var header = decoded[..written];
        return header.Length > 0 && header[0] == (byte)'{' && header.IndexOf("\"alg\""u8) >= 0 ? score : 0;
    }

    /// <summary>A password in a URL, unless it is a stand-in.</summary>
    public static double UrlPassword(string text, Match match, ReadOnlySpan<char> value, double score) =>
        IsPlaceholder(value) || value.Length < 3 ? 0 : score;

    /// <summary>A password inside a connection string: another connection-string key must be near.</summary>
    public static double ConnectionStringContext(string text, Match match, ReadOnlySpan<char> value, double score)
    {
        if (IsPlaceholder(value) || value.Length < 3)
        {
            return 0;
        }

        var start = Math.Max(0, match.Index - 300);
        var end = Math.Min(text.Length, match.Index + match.Length + 300);
        var window = text.AsSpan(start, end - start);
        if (!window.Contains(';'))
        {
            return 0;
        }

        foreach (var key in ConnectionStringKeys)
        {
            if (window.Contains(key, StringComparison.OrdinalIgnoreCase))
            {
                return score;
            }
        }

        return 0;
    }

    /// <summary>
    /// A value assigned to a name that says secret: it must look random (entropy for its length,
    /// a digit or symbol), and not like a placeholder, a reference, a path, a model name or prose.
    /// Returns a score between 0.6 and 0.85 that grows with entropy.
    /// </summary>
    public static double GenericValue(string text, Match match, ReadOnlySpan<char> value, double score)
    {
        if (IsPlaceholder(value) || value.Contains("://", StringComparison.Ordinal))
        {
            return 0;
        }

        var spaces = value.Count(' ');
        if (spaces >= 2)
        {
            return 0;
        }

        var hasDigit = false;
        var hasSymbol = false;
        var hasSeparator = false;
        foreach (var c in value)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                hasDigit |= char.IsAsciiDigit(c);
            }
            else if (c is '-' or '_' or '.' or '/' or ' ' or ':')
            {
                hasSeparator = true;
            }
            else
            {
                hasSymbol = true;
            }
        }

        if (!hasDigit && !hasSymbol)
        {
            return 0;
        }

        // Paths, model names, slugs and versions ("prod/db/credentials-v2", "org/model-7b") are
        // made of word-like parts; a random token has long parts mixing letters and digits.
        if (hasSeparator && !hasSymbol && AllPartsWordLike(value))
        {
            return 0;
        }

        var entropy = ShannonEntropy.BitsPerChar(value);
        var quoted = match.Index + match.Length > 0 && text[match.Index + match.Length - 1] is '"' or '\'' or '`';
        var required = quoted ? Math.Max(2.5, Math.Min(3.5, Math.Log2(value.Length) - 0.7)) : 3.5;
        if (entropy < required)
        {
            return 0;
        }

        return Math.Min(0.85, 0.6 + (0.1 * Math.Clamp(entropy - 3.0, 0, 2.5)));
    }

    /// <summary>End of a PEM block: after its END line, or after the key body when the END line is missing (a cut-off stream).</summary>
    public static int PemEnd(string text, Match match)
    {
        var bodyStart = match.Index + match.Length;
        var limit = Math.Min(text.Length, bodyStart + PemSearchLimit);
        var endMarker = text.AsSpan(bodyStart, limit - bodyStart).IndexOf("-----END", StringComparison.Ordinal);
        if (endMarker >= 0)
        {
            var afterMarker = bodyStart + endMarker + 8;
            var close = text.AsSpan(afterMarker, Math.Min(text.Length - afterMarker, 64)).IndexOf("-----", StringComparison.Ordinal);
            return close >= 0 ? afterMarker + close + 5 : afterMarker;
        }

        var i = bodyStart;
        while (i < limit && IsPemBodyChar(text[i]))
        {
            i++;
        }

        // Do not swallow the blank line or spaces after the body.
        while (i > bodyStart && char.IsWhiteSpace(text[i - 1]))
        {
            i--;
        }

        return i;
    }

    /// <summary>A PEM header followed by a real body; a header around "..." is documentation.</summary>
    public static double PemBody(string text, Match match, ReadOnlySpan<char> value, double score)
    {
        var end = PemEnd(text, match);
        var body = text.AsSpan(match.Index + match.Length, end - match.Index - match.Length);
        var base64 = 0;
        foreach (var c in body)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '+' or '/')
            {
                base64++;
            }
        }

        return base64 >= 40 ? score : 0.3;
    }

    private static bool AllPartsWordLike(ReadOnlySpan<char> value)
    {
        foreach (var range in value.SplitAny("-_./ :"))
        {
            if (!WordLike(value[range]))
            {
                return false;
            }
        }

        return true;
    }

    // A word, a short token ("7b", "v2", "x86"), or a word with a short number after it ("v12", "app2").
    private static bool WordLike(ReadOnlySpan<char> part)
    {
        if (part.Length <= 4)
        {
            return true;
        }

        var i = 0;
        while (i < part.Length && char.IsAsciiLetter(part[i]))
        {
            i++;
        }

        var digits = part.Length - i;
        return digits <= 3 && part[i..].IndexOfAnyExceptInRange('0', '9') < 0;
    }

    private static bool IsPemBodyChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=' or '\\' or ':' or ',' or '-' or ' ' or '\t' or '\r' or '\n';

    private static int DistinctChars(ReadOnlySpan<char> value)
    {
        Span<bool> seen = stackalloc bool[128];
        seen.Clear();
        var distinct = 0;
        foreach (var c in value)
        {
            var k = c < 128 ? c : 127;
            if (!seen[k])
            {
                seen[k] = true;
                distinct++;
                if (distinct > 2)
                {
                    return distinct;
                }
            }
        }

        return distinct;
    }

    private static bool TryDecodeBase64Url(ReadOnlySpan<char> encoded, Span<byte> destination, out int written)
    {
        written = 0;

        // A length of 4n+1 is never valid base64; the decoder throws rather than returning false.
        if (encoded.Length == 0 || encoded.Length % 4 == 1 || Base64Url.GetMaxDecodedLength(encoded.Length) > destination.Length)
        {
            return false;
        }

        try
        {
            return Base64Url.TryDecodeFromChars(encoded, destination, out written);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
