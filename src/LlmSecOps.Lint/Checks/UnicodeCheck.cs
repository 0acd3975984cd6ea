using System.Globalization;
using System.Text;
using LlmSecOps.Lint.Diagnostics;

namespace LlmSecOps.Lint.Checks;

/// <summary>
/// Reports invisible and bidirectional-control characters (LLM006) with their exact position and
/// code points: bidi embeddings, overrides and isolates, zero-width characters, Unicode tag
/// characters (the "ASCII smuggling" range), invisible operators, Hangul fillers and the
/// supplementary variation selectors. A zero-width joiner between two emoji, a byte-order mark at
/// the start of the file and ordinary variation selectors after emoji are legitimate and left alone.
/// </summary>
internal static class UnicodeCheck
{
    public static void Run(CheckContext ctx)
    {
        var text = ctx.Document.Source.Text;
        var i = 0;
        while (i < text.Length)
        {
            if (!IsCandidate(text, i, out var width))
            {
                i++;
                continue;
            }

            var start = i;
            var codes = new List<string>();
            while (i < text.Length && IsCandidate(text, i, out width))
            {
                var cp = CodePoint(text, i);
                if (codes.Count < 6)
                {
                    codes.Add("U+" + cp.ToString("X4", CultureInfo.InvariantCulture));
                }

                i += width;
            }

            var count = Count(text, start, i);
            var names = string.Join(" ", codes) + (count > codes.Count ? " …" : string.Empty);
            var kind = Describe(CodePoint(text, start));
            var hidden = Hidden(text, start, i);
            var message = count == 1
                ? $"invisible {kind} character {names}"
                : $"{count} invisible characters ({kind} {names})";
            if (hidden.Length > 0)
            {
                message += $" hiding the text '{hidden}'";
            }

            ctx.Add(RuleIds.InvisibleUnicode, start, i, message, names);
        }
    }

    private static int CodePoint(string text, int i) =>
        char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? char.ConvertToUtf32(text[i], text[i + 1]) : text[i];

    private static int Count(string text, int start, int end)
    {
        var n = 0;
        for (var i = start; i < end; i++)
        {
            if (!char.IsLowSurrogate(text[i]))
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>Decodes Unicode tag characters (U+E0020–U+E007E) to the ASCII they smuggle.</summary>
    private static string Hidden(string text, int start, int end)
    {
        var sb = new StringBuilder();
        for (var i = start; i < end; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < end)
            {
                var cp = char.ConvertToUtf32(text[i], text[i + 1]);
                if (cp is >= 0xE0020 and <= 0xE007E && sb.Length < 80)
                {
                    sb.Append((char)(cp - 0xE0000));
                }

                i++;
            }
        }

        return sb.ToString();
    }

    private static string Describe(int cp) => cp switch
    {
        >= 0x202A and <= 0x202E or >= 0x2066 and <= 0x2069 or 0x200E or 0x200F or 0x061C => "bidirectional-control",
        >= 0xE0000 and <= 0xE007F => "Unicode tag",
        >= 0xE0100 and <= 0xE01EF => "variation-selector",
        _ => "zero-width",
    };

    private static bool IsCandidate(string text, int i, out int width)
    {
        width = 1;
        var c = text[i];
        if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
        {
            var cp = char.ConvertToUtf32(c, text[i + 1]);
            width = 2;
            return cp is >= 0xE0000 and <= 0xE007F or >= 0xE0100 and <= 0xE01EF;
        }

        switch (c)
        {
            case '\u202A' or '\u202B' or '\u202C' or '\u202D' or '\u202E' or '\u2066' or '\u2067' or '\u2068' or '\u2069' or '\u200E' or '\u200F' or '\u061C':
            case '\u200B' or '\u200C' or '\u2060' or '\u2061' or '\u2062' or '\u2063' or '\u2064' or '\u180E' or '\u115F' or '\u1160' or '\u3164' or '\uFFA0' or '\u17B4' or '\u17B5':
                return true;
            case '\uFEFF':
                return i > 0;
            case '\u200D':
                // A joiner inside an emoji sequence is how emoji are written.
                return !(IsPictographic(text, i - 1, before: true) && IsPictographic(text, i + 1, before: false));
            default:
                return false;
        }
    }

    private static bool IsPictographic(string text, int i, bool before)
    {
        if (i < 0 || i >= text.Length)
        {
            return false;
        }

        int cp;
        if (before && char.IsLowSurrogate(text[i]) && i > 0 && char.IsHighSurrogate(text[i - 1]))
        {
            cp = char.ConvertToUtf32(text[i - 1], text[i]);
        }
        else if (!before && char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
        {
            cp = char.ConvertToUtf32(text[i], text[i + 1]);
        }
        else
        {
            cp = text[i];
        }

        return cp is >= 0x1F000 and <= 0x1FAFF or >= 0x2600 and <= 0x27BF or 0xFE0F or >= 0x1F3FB and <= 0x1F3FF;
    }
}
