namespace LlmSecOps.Core.Policy;

/// <summary>
/// Which upstream endpoints the application talks to. Entries are base URLs (<c>https://api.openai.com/v1</c>)
/// or hosts (<c>api.openai.com</c>, <c>*.openai.azure.com</c>).
/// </summary>
public sealed record EndpointPolicy
{
    /// <summary>Endpoints allowed; null means no allow-list.</summary>
    public IReadOnlyList<string>? Allow { get; init; }

    /// <summary>Whether a URL is allowed: its host matches a host entry, or it starts with a base-URL entry.</summary>
    public bool IsAllowed(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (Allow is null)
        {
            return true;
        }

        var text = url.AbsoluteUri;
        foreach (var entry in Allow)
        {
            if (entry.Contains("://", StringComparison.Ordinal))
            {
                var prefix = entry.TrimEnd('/');
                if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                    && (text.Length == prefix.Length || text[prefix.Length] is '/' or '?' or '#'))
                {
                    return true;
                }
            }
            else if (entry.StartsWith("*.", StringComparison.Ordinal))
            {
                if (url.Host.EndsWith(entry[1..], StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
            else if (string.Equals(url.Host, entry, StringComparison.OrdinalIgnoreCase) || string.Equals(url.Authority, entry, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
