namespace LlmSecOps.Server.Gateway.Tools;

/// <summary>
/// Lexical path normalisation for path arguments: separators unified, <c>.</c> dropped, <c>..</c>
/// applied. Purely textual (no file system access), so the answer does not depend on what exists
/// on this machine.
/// </summary>
internal static class PathNormalizer
{
    /// <summary>Largest path judged.</summary>
    public const int MaxLength = 4096;

    /// <summary>
    /// Normalises a path. Returns null when it cannot be judged safely: too long, a NUL byte,
    /// percent-encoded dots or separators, or a <c>..</c> that climbs above the root.
    /// </summary>
    public static string? Normalize(string path)
    {
        if (path.Length is 0 or > MaxLength || path.Contains('\0', StringComparison.Ordinal) ||
            path.Contains("%2e", StringComparison.OrdinalIgnoreCase) ||
            path.Contains("%2f", StringComparison.OrdinalIgnoreCase) ||
            path.Contains("%5c", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var unified = path.Replace('\\', '/');
        var absolute = unified.StartsWith('/');
        var parts = new List<string>();
        foreach (var segment in unified.Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (parts.Count == 0)
                {
                    return null;
                }

                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(segment);
        }

        var joined = string.Join('/', parts);
        return absolute ? "/" + joined : joined;
    }

    /// <summary>Whether a normalised path lies under a prefix (segment-wise: <c>/data</c> does not cover <c>/database</c>).</summary>
    public static bool IsUnder(string normalizedPath, string prefix)
    {
        var p = Normalize(prefix);
        if (p is null)
        {
            return false;
        }

        if (p is "/" or "")
        {
            return p == "/" ? normalizedPath.StartsWith('/') : !normalizedPath.StartsWith('/');
        }

        return normalizedPath.Length == p.Length
            ? string.Equals(normalizedPath, p, StringComparison.Ordinal)
            : normalizedPath.StartsWith(p, StringComparison.Ordinal) && normalizedPath[p.Length] == '/';
    }
}
