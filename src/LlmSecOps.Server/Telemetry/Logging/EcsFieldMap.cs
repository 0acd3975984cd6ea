using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Text;

namespace LlmSecOps.Server.Telemetry.Logging;

/// <summary>
/// Maps the names of structured log values (message template holes and scope entries) to
/// Elastic Common Schema fields. The names the code base and ASP.NET Core use for request
/// data (<c>method</c>, <c>path</c>, <c>statusCode</c>, <c>clientIp</c>, <c>RequestPath</c>,
/// <c>ElapsedMilliseconds</c>, …) land in their ECS fields; a name that is already a dotted
/// ECS field (<c>http.request.method</c>) is kept; anything else goes under <c>labels.*</c> in
/// snake_case. Names that look like credentials or bodies are redacted, as a backstop: code
/// must not log them in the first place.
/// </summary>
internal static class EcsFieldMap
{
    /// <summary>What a redacted value is replaced by.</summary>
    public const string RedactedValue = "[redacted]";

    private static readonly FrozenDictionary<string, EcsField> Aliases = new Dictionary<string, EcsField>(StringComparer.OrdinalIgnoreCase)
    {
        ["method"] = new("http.request.method", EcsFieldKind.Field),
        ["httpMethod"] = new("http.request.method", EcsFieldKind.Field),
        ["requestMethod"] = new("http.request.method", EcsFieldKind.Field),
        ["path"] = new("url.path", EcsFieldKind.Field),
        ["urlPath"] = new("url.path", EcsFieldKind.Field),
        ["requestPath"] = new("url.path", EcsFieldKind.Field),
        ["statusCode"] = new("http.response.status_code", EcsFieldKind.Field),
        ["httpStatusCode"] = new("http.response.status_code", EcsFieldKind.Field),
        ["clientIp"] = new("client.ip", EcsFieldKind.Field),
        ["clientAddress"] = new("client.ip", EcsFieldKind.Field),
        ["remoteIp"] = new("client.ip", EcsFieldKind.Field),
        ["requestId"] = new("http.request.id", EcsFieldKind.Field),
        ["traceId"] = new("trace.id", EcsFieldKind.Field),
        ["spanId"] = new("span.id", EcsFieldKind.Field),
        ["elapsedMilliseconds"] = new("event.duration", EcsFieldKind.MillisecondsAsNanoseconds),
        ["elapsedMs"] = new("event.duration", EcsFieldKind.MillisecondsAsNanoseconds),
        ["durationMs"] = new("event.duration", EcsFieldKind.MillisecondsAsNanoseconds),
        ["userAgent"] = new("user_agent.original", EcsFieldKind.Field),
        ["scheme"] = new("url.scheme", EcsFieldKind.Field),
        ["queryString"] = new("url.query", EcsFieldKind.Field),
        ["userId"] = new("user.id", EcsFieldKind.Field),
        ["eventId"] = new("event.id", EcsFieldKind.Field),
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    // Top-level ECS field sets a dotted name may use as it is.
    private static readonly FrozenSet<string> EcsRoots = new[]
    {
        "client", "cloud", "container", "destination", "dns", "error", "event", "file", "host", "http", "log",
        "network", "observer", "orchestrator", "organization", "process", "server", "service", "source", "span",
        "trace", "transaction", "url", "user", "user_agent", "labels",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Compared after lower-casing and removing everything but letters and digits.
    private static readonly FrozenSet<string> SensitiveNames = new[]
    {
        "authorization", "proxyauthorization", "apikey", "xapikey", "password", "passwd", "pwd", "secret",
        "clientsecret", "token", "accesstoken", "refreshtoken", "idtoken", "bearertoken", "sessiontoken",
        "cookie", "setcookie", "body", "requestbody", "responsebody", "prompt", "completion", "content",
        "messages", "privatekey", "credential", "credentials", "connectionstring",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> SensitiveLookup = SensitiveNames.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly string[] SensitiveSuffixes = ["password", "secret", "apikey", "token", "privatekey", "body"];

    // Names come from message templates and scopes, a small fixed set; the cap only guards
    // against code that builds names at run time.
    private static readonly ConcurrentDictionary<string, EcsField> Cache = new(StringComparer.Ordinal);
    private const int MaxCached = 4096;

    /// <summary>The ECS field for a structured value's name (cached).</summary>
    public static EcsField Resolve(string key)
    {
        if (Cache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var field = ResolveUncached(key);
        if (Cache.Count < MaxCached)
        {
            Cache.TryAdd(key, field);
        }

        return field;
    }

    private static EcsField ResolveUncached(string key)
    {
        if (Aliases.TryGetValue(key, out var alias))
        {
            return alias;
        }

        if (IsSensitive(key))
        {
            return new EcsField("labels." + SnakeCase(key), EcsFieldKind.Redacted);
        }

        var dot = key.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0 && EcsRoots.Contains(key[..dot]) && IsPlainDottedName(key))
        {
            return key.StartsWith("labels.", StringComparison.Ordinal)
                ? new EcsField("labels." + SnakeCase(key["labels.".Length..]), EcsFieldKind.Label)
                : new EcsField(key, EcsFieldKind.Field);
        }

        return new EcsField("labels." + SnakeCase(key), EcsFieldKind.Label);
    }

    /// <summary>Whether a name suggests a credential, a secret or a message body.</summary>
    public static bool IsSensitive(string key)
    {
        Span<char> buffer = stackalloc char[Math.Min(key.Length, 128)];
        var length = 0;
        foreach (var c in key)
        {
            if (length == buffer.Length)
            {
                break;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                buffer[length++] = char.ToLowerInvariant(c);
            }
        }

        var normalized = buffer[..length];
        if (SensitiveLookup.Contains(normalized))
        {
            return true;
        }

        foreach (var suffix in SensitiveSuffixes)
        {
            if (normalized.EndsWith(suffix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>RequestPath</c> → <c>request_path</c>, <c>gen_ai.request.model</c> → <c>gen_ai_request_model</c>.</summary>
    public static string SnakeCase(string key)
    {
        var builder = new StringBuilder(key.Length + 8);
        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (char.IsAsciiLetterUpper(c))
            {
                if (builder.Length > 0 && builder[^1] != '_' && (char.IsAsciiLetterLower(key[i - 1]) || char.IsAsciiDigit(key[i - 1])
                    || (i + 1 < key.Length && char.IsAsciiLetterLower(key[i + 1]) && char.IsAsciiLetterUpper(key[i - 1]))))
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '_')
            {
                builder.Append('_');
            }
        }

        var result = builder.ToString().TrimEnd('_');
        return result.Length == 0 ? "value" : result;
    }

    private static bool IsPlainDottedName(string key)
    {
        foreach (var c in key)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '_'))
            {
                return false;
            }
        }

        return !key.EndsWith('.') && !key.Contains("..", StringComparison.Ordinal);
    }
}
