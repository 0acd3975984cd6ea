namespace LlmSecOps.Server.Gateway.Tools;

/// <summary>Host allow-list entries: <c>api.example.com</c> exactly, or <c>*.example.com</c> for any subdomain.</summary>
internal static class HostPattern
{
    /// <summary>Whether a host is covered by any entry (case-insensitive; a trailing dot is ignored).</summary>
    public static bool IsAllowed(string host, IReadOnlyList<string> allowed)
    {
        var h = host.TrimEnd('.');
        foreach (var entry in allowed)
        {
            var e = entry.Trim().TrimEnd('.');
            if (e == "*")
            {
                return true;
            }

            if (e.StartsWith("*.", StringComparison.Ordinal))
            {
                var suffix = e[1..];
                if (h.Length > suffix.Length && h.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
            else if (string.Equals(h, e, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
