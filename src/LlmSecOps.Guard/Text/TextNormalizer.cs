using System.Text;

namespace LlmSecOps.Guard.Text;

/// <summary>Folds text into a canonical form that rules match against.</summary>
public static class TextNormalizer
{
    /// <summary>
    /// Normalises a text, returning the normalised string and, for each of its characters, the
    /// offset in the original it came from.
    /// </summary>
    public static (string Normalized, int[] Map) Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        var map = new List<int>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF')
            {
                continue;
            }

            var folded = char.ToLowerInvariant(c);
            sb.Append(folded);
            map.Add(i);
        }

        return (sb.ToString(), [.. map]);
    }
}
