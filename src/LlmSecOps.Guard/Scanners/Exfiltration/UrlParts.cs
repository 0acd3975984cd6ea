namespace LlmSecOps.Guard.Scanners.Exfiltration;

/// <summary>
/// The pieces of a URL as written, found by hand: tolerant of cut-off and malformed URLs (a
/// streamed completion stops anywhere), and cheaper than building a <see cref="Uri"/>.
/// </summary>
internal readonly ref struct UrlParts
{
    private UrlParts(ReadOnlySpan<char> host, ReadOnlySpan<char> path, ReadOnlySpan<char> query, ReadOnlySpan<char> fragment)
    {
        Host = host;
        Path = path;
        Query = query;
        Fragment = fragment;
    }

    /// <summary>The host name without user info or port (empty when there is none).</summary>
    public ReadOnlySpan<char> Host { get; }

    /// <summary>The path, without its leading slash.</summary>
    public ReadOnlySpan<char> Path { get; }

    /// <summary>The query without its '?'.</summary>
    public ReadOnlySpan<char> Query { get; }

    /// <summary>The fragment without its '#'.</summary>
    public ReadOnlySpan<char> Fragment { get; }

    /// <summary>Splits a URL of the form <c>[scheme:]//authority[/path][?query][#fragment]</c>.</summary>
    public static UrlParts Parse(ReadOnlySpan<char> url)
    {
        var slashes = url.IndexOf("//", StringComparison.Ordinal);
        if (slashes < 0)
        {
            return default;
        }

        var authorityStart = slashes + 2;
        var rest = url[authorityStart..];
        var authorityEnd = rest.IndexOfAny('/', '?', '#');
        var authority = authorityEnd < 0 ? rest : rest[..authorityEnd];
        var pathStart = authorityStart + (authorityEnd < 0 ? rest.Length : authorityEnd);

        var at = authority.LastIndexOf('@');
        var host = at >= 0 ? authority[(at + 1)..] : authority;
        if (host.StartsWith('['))
        {
            var close = host.IndexOf(']');
            host = close > 0 ? host[1..close] : host[1..];
        }
        else
        {
            var colon = host.IndexOf(':');
            if (colon >= 0)
            {
                host = host[..colon];
            }
        }

        host = host.TrimEnd('.');
        var tail = url[pathStart..];
        var hash = tail.IndexOf('#');
        var fragment = hash >= 0 ? tail[(hash + 1)..] : ReadOnlySpan<char>.Empty;
        if (hash >= 0)
        {
            tail = tail[..hash];
        }

        var question = tail.IndexOf('?');
        var query = question >= 0 ? tail[(question + 1)..] : ReadOnlySpan<char>.Empty;
        var path = question >= 0 ? tail[..question] : tail;
        if (path.StartsWith('/'))
        {
            path = path[1..];
        }

        return new UrlParts(host, path, query, fragment);
    }
}
