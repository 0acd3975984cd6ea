using System.Text;
using System.Text.RegularExpressions;

namespace LlmSecOps.Lint.Config;

/// <summary>
/// A path glob as .gitignore-style tools write them: <c>*</c> within a segment, <c>**</c> across
/// segments, <c>?</c>, character classes and <c>{a,b}</c> alternatives. A pattern without a slash
/// matches the file name at any depth; a trailing slash or <c>/**</c> matches everything below.
/// Paths are matched with forward slashes, relative to the directory the pattern came from.
/// </summary>
public sealed class Glob
{
    private readonly Regex _regex;

    /// <summary>Compiles a pattern.</summary>
    public Glob(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        Pattern = pattern;
        try
        {
            _regex = new Regex(ToRegex(pattern), RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromMilliseconds(1000));
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"invalid glob '{pattern}': {ex.Message}", nameof(pattern), ex);
        }
    }

    /// <summary>The pattern as written.</summary>
    public string Pattern { get; }

    /// <summary>Whether a relative path (forward or back slashes) matches.</summary>
    public bool IsMatch(string relativePath)
    {
        var path = relativePath.Replace('\\', '/').TrimStart('/');
        if (path.StartsWith("./", StringComparison.Ordinal))
        {
            path = path[2..];
        }

        try
        {
            return _regex.IsMatch(path);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static string ToRegex(string pattern)
    {
        var p = pattern.Replace('\\', '/').Trim();
        if (p.StartsWith("./", StringComparison.Ordinal))
        {
            p = p[2..];
        }

        var anchored = p.TrimEnd('/').Contains('/', StringComparison.Ordinal);
        if (p.EndsWith('/'))
        {
            p += "**";
        }

        p = p.TrimStart('/');
        var sb = new StringBuilder(anchored ? "^" : "^(?:.*/)?");
        var inAlternatives = 0;
        for (var i = 0; i < p.Length; i++)
        {
            var c = p[i];
            switch (c)
            {
                case '*' when i + 1 < p.Length && p[i + 1] == '*':
                    // "**/" matches zero or more directories; a trailing "**" matches everything.
                    if (i + 2 < p.Length && p[i + 2] == '/')
                    {
                        sb.Append("(?:.*/)?");
                        i += 2;
                    }
                    else
                    {
                        sb.Append(".*");
                        i++;
                    }

                    break;
                case '*':
                    sb.Append("[^/]*");
                    break;
                case '?':
                    sb.Append("[^/]");
                    break;
                case '[':
                    var close = p.IndexOf(']', i + 1);
                    if (close < 0)
                    {
                        sb.Append("\\[");
                        break;
                    }

                    var cls = p[(i + 1)..close];
                    sb.Append('[');
                    var from = 0;
                    if (cls.StartsWith('!') || cls.StartsWith('^'))
                    {
                        sb.Append('^');
                        from = 1;
                    }

                    for (var k = from; k < cls.Length; k++)
                    {
                        var ch = cls[k];
                        var range = ch == '-' && k > from && k + 1 < cls.Length;
                        sb.Append(char.IsAsciiLetterOrDigit(ch) || range ? ch.ToString() : "\\u" + ((int)ch).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
                    }

                    sb.Append(']');
                    i = close;
                    break;
                case '{':
                    inAlternatives++;
                    sb.Append("(?:");
                    break;
                case '}' when inAlternatives > 0:
                    inAlternatives--;
                    sb.Append(')');
                    break;
                case ',' when inAlternatives > 0:
                    sb.Append('|');
                    break;
                default:
                    sb.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        for (; inAlternatives > 0; inAlternatives--)
        {
            sb.Append(')');
        }

        // A directory pattern also matches everything under it.
        sb.Append("(?:/.*)?$");
        return sb.ToString();
    }
}
