using System.Text;

namespace LlmSecOps.Server.Gateway;

/// <summary>
/// Puts back the values redacted from the request when a completion repeats their placeholders.
/// Works from a snapshot of the placeholders issued for the request, so placeholders issued while
/// redacting the completion itself are never undone.
/// </summary>
internal sealed class PlaceholderRestorer(IReadOnlyDictionary<string, string> placeholders)
{
    /// <summary>Longest placeholder, <c>[LABEL_n]</c>.</summary>
    public const int MaxPlaceholderLength = 80;

    /// <summary>Whether there is anything to restore.</summary>
    public bool IsEmpty => placeholders.Count == 0;

    /// <summary>Replaces known placeholders in a text.</summary>
    public string Restore(string text)
    {
        if (placeholders.Count == 0 || text.IndexOf('[', StringComparison.Ordinal) < 0)
        {
            return text;
        }

        StringBuilder? sb = null;
        var pos = 0;
        var i = 0;
        while ((i = text.IndexOf('[', i)) >= 0)
        {
            var close = text.IndexOf(']', i + 1);
            if (close < 0)
            {
                break;
            }

            if (close - i + 1 <= MaxPlaceholderLength && placeholders.TryGetValue(text.Substring(i, close - i + 1), out var original))
            {
                sb ??= new StringBuilder(text.Length + 32);
                sb.Append(text, pos, i - pos).Append(original);
                pos = close + 1;
                i = close + 1;
            }
            else
            {
                i++;
            }
        }

        if (sb is null)
        {
            return text;
        }

        sb.Append(text, pos, text.Length - pos);
        return sb.ToString();
    }

    /// <summary>
    /// Where a streamed release may end so that no placeholder is cut in two: before an opening
    /// bracket near the end that has no closing bracket yet.
    /// </summary>
    public static int SafeCut(StringBuilder text, int start, int end)
    {
        var from = Math.Max(start, end - MaxPlaceholderLength);
        for (var i = end - 1; i >= from; i--)
        {
            var c = text[i];
            if (c == ']')
            {
                return end;
            }

            if (c == '[')
            {
                return i;
            }
        }

        return end;
    }
}
