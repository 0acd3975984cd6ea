using System.Buffers;
using System.Globalization;
using System.Text;
using LlmSecOps.Core.Scanning;

namespace LlmSecOps.Guard.Scanners;

/// <summary>
/// Characters that change what a model reads without changing what a person sees: Unicode tag
/// characters (hidden ASCII), bidi overrides and isolates ("Trojan Source" reordering), runs of
/// zero-width characters or zero-width characters inside words, invisible fillers, and
/// variation selectors used to carry bytes. Reported whatever the visible text says. Evidence
/// lists code points (<c>U+200B</c>), never the raw characters.
/// </summary>
internal sealed class InvisibleTextScanner : Scanner
{
    private const int MaxFindings = 32;
    private const int MaxCodePointsShown = 12;

    // Every BMP character of interest, plus the high surrogate of tags and supplementary variation selectors.
    private static readonly SearchValues<char> Suspicious = SearchValues.Create(
        "\u00AD\u034F\u061C\u115F\u1160\u180E\u200B\u200C\u200D\u200E\u200F\u202A\u202B\u202C\u202D\u202E" +
        "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\u2800\u3164\uFEFF\uFFA0" +
        "\uFE00\uFE01\uFE02\uFE03\uFE04\uFE05\uFE06\uFE07\uFE08\uFE09\uFE0A\uFE0B\uFE0C\uFE0D\uFE0E\uFE0F\uDB40");

    private enum Kind
    {
        None,
        Tag,
        Bidi,
        BidiMark,
        ZeroWidth,
        SoftHyphen,
        Filler,
        VariationSelector,
    }

    public override string Name => "invisible_text";

    public override IReadOnlyList<string> Categories { get; } = [FindingCategories.InvisibleText];

    public override ValueTask<ScanResult> ScanAsync(ScanContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var text = context.Text;
        var first = text.AsSpan().IndexOfAny(Suspicious);
        if (first < 0)
        {
            return ScanResult.Empty.AsTask();
        }

        List<Finding>? findings = null;
        var i = first;
        while (i < text.Length && (findings?.Count ?? 0) < MaxFindings)
        {
            if (KindAt(text, i, out _) == Kind.None)
            {
                var next = text.AsSpan(i + 1).IndexOfAny(Suspicious);
                if (next < 0)
                {
                    break;
                }

                i += 1 + next;
                continue;
            }

            // A run of invisible characters, possibly of several kinds.
            var start = i;
            var kinds = new HashSet<Kind>();
            var length = 0;
            while (i < text.Length)
            {
                var k = KindAt(text, i, out var width);
                if (k == Kind.None)
                {
                    break;
                }

                kinds.Add(k);
                length++;
                i += width;
            }

            if (Judge(text, start, i, length, kinds) is { } finding)
            {
                (findings ??= []).Add(finding);
            }
        }

        return ScanResult.From(findings).AsTask();
    }

    private static Kind KindAt(string text, int i, out int width)
    {
        width = 1;
        var c = text[i];
        switch (c)
        {
            case '\uDB40' when i + 1 < text.Length && text[i + 1] is >= '\uDC00' and <= '\uDC7F':
                width = 2;
                return Kind.Tag;
            case '\uDB40' when i + 1 < text.Length && text[i + 1] is >= '\uDD00' and <= '\uDDEF':
                width = 2;
                return Kind.VariationSelector;
            case >= '\uFE00' and <= '\uFE0F':
                return Kind.VariationSelector;
            case >= '\u202A' and <= '\u202E':
            case >= '\u2066' and <= '\u2069':
                return Kind.Bidi;
            case '\u200E' or '\u200F' or '\u061C':
                return Kind.BidiMark;
            case '\u00AD':
                return Kind.SoftHyphen;
            case '\u115F' or '\u1160' or '\u3164' or '\uFFA0' or '\u2800':
                return Kind.Filler;
            case '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\u2061' or '\u2062' or '\u2063' or '\u2064' or '\u180E' or '\u034F':
                return Kind.ZeroWidth;
            case '\uFEFF':
                return i == 0 ? Kind.None : Kind.ZeroWidth;
            default:
                return Kind.None;
        }
    }

    private static Finding? Judge(string text, int start, int end, int length, HashSet<Kind> kinds)
    {
        var before = start > 0 ? PreviousCodePoint(text, start) : -1;
        var after = end < text.Length ? CodePointAt(text, end) : -1;
        var insideWord = IsLetterOrDigit(before) && IsLetterOrDigit(after);
        var span = TextSpan.FromBounds(start, end);

        if (kinds.Contains(Kind.Tag))
        {
            var hidden = HiddenAscii(text, start, end);
            return Make("invisible.tag_characters", 0.9, Severity.High, span, text,
                hidden.Length > 0
                    ? $"Unicode tag characters hide the text \"{Shorten(hidden, 120)}\""
                    : "Unicode tag characters, invisible to a reader");
        }

        if (kinds.Contains(Kind.Bidi))
        {
            var overrides = HasOverride(text, start, end);
            return Make("invisible.bidi_control", overrides ? 0.75 : 0.6, overrides ? Severity.High : Severity.Medium, span, text,
                overrides ? "bidi override reorders how the text is displayed" : "bidi embedding or isolate controls change the display order");
        }

        if (kinds.Contains(Kind.VariationSelector))
        {
            // One selector after an emoji, symbol or Han character is ordinary; several in a row carry data.
            if (length >= 2)
            {
                return Make("invisible.variation_selectors", length >= 4 ? 0.8 : 0.5, length >= 4 ? Severity.High : Severity.Medium, span, text,
                    $"{length} variation selectors in a row (a known way to smuggle bytes)");
            }

            if (text[start] == '\uDB40' && !IsHan(before))
            {
                return Make("invisible.variation_selectors", 0.5, Severity.Medium, span, text, "an ideographic variation selector outside a Han character");
            }

            if (kinds.Count == 1)
            {
                return null;
            }
        }

        var zeroWidth = kinds.Contains(Kind.ZeroWidth) || kinds.Contains(Kind.Filler);
        if (zeroWidth)
        {
            // Joiners are part of emoji sequences and of Arabic and Indic spelling.
            if (length == 1 && text[start] is '\u200C' or '\u200D' && (IsEmojiLike(before) || IsEmojiLike(after) || UsesJoiners(before) || UsesJoiners(after)))
            {
                return null;
            }

            if (length >= 2)
            {
                return Make("invisible.zero_width", 0.6, Severity.Medium, span, text, $"{length} zero-width characters in a row");
            }

            if (insideWord)
            {
                return Make("invisible.zero_width", 0.6, Severity.Medium, span, text, "a zero-width character splits a word");
            }

            if (kinds.Contains(Kind.Filler) && !IsHangul(before) && !IsHangul(after))
            {
                return Make("invisible.zero_width", 0.5, Severity.Medium, span, text, "an invisible filler character outside Hangul text");
            }

            return null;
        }

        if (kinds.Contains(Kind.BidiMark))
        {
            // Direction marks belong in right-to-left text; in runs or inside Latin words they hide things.
            if (length >= 3 || (insideWord && before < 0x250 && after < 0x250))
            {
                return Make("invisible.bidi_control", 0.4, Severity.Low, span, text, "direction marks where no right-to-left text needs them");
            }

            return null;
        }

        if (kinds.Contains(Kind.SoftHyphen) && length >= 2)
        {
            return Make("invisible.zero_width", 0.4, Severity.Low, span, text, $"{length} soft hyphens in a row");
        }

        return null;
    }

    private static Finding Make(string rule, double score, Severity severity, TextSpan span, string text, string message) => new()
    {
        Category = FindingCategories.InvisibleText,
        Rule = rule,
        Score = score,
        Severity = severity,
        Span = span,
        Message = message,
        Evidence = CodePoints(text, span.Start, span.End),
    };

    private static string CodePoints(string text, int start, int end)
    {
        var sb = new StringBuilder();
        var shown = 0;
        var total = 0;
        for (var i = start; i < end;)
        {
            var cp = CodePointAt(text, i);
            i += cp > 0xFFFF ? 2 : 1;
            total++;
            if (shown < MaxCodePointsShown)
            {
                if (sb.Length > 0)
                {
                    sb.Append(' ');
                }

                sb.Append("U+").Append(cp.ToString("X4", CultureInfo.InvariantCulture));
                shown++;
            }
        }

        if (total > shown)
        {
            sb.Append(CultureInfo.InvariantCulture, $" … ({total} code points)");
        }

        return sb.ToString();
    }

    private static string HiddenAscii(string text, int start, int end)
    {
        var sb = new StringBuilder();
        for (var i = start; i + 1 < end; i += 2)
        {
            if (text[i] == '\uDB40' && text[i + 1] is >= '\uDC20' and <= '\uDC7E')
            {
                sb.Append((char)(text[i + 1] - 0xDC00));
            }
        }

        return sb.ToString();
    }

    private static bool HasOverride(string text, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (text[i] is '\u202D' or '\u202E')
            {
                return true;
            }
        }

        return false;
    }

    private static string Shorten(string s, int max) => s.Length <= max ? s : string.Concat(s.AsSpan(0, max), "…");

    private static int CodePointAt(string text, int i) =>
        char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? char.ConvertToUtf32(text[i], text[i + 1]) : text[i];

    private static int PreviousCodePoint(string text, int i) =>
        i >= 2 && char.IsLowSurrogate(text[i - 1]) && char.IsHighSurrogate(text[i - 2]) ? char.ConvertToUtf32(text[i - 2], text[i - 1]) : text[i - 1];

    private static bool IsLetterOrDigit(int cp) => cp >= 0 && Rune.IsValid(cp) && Rune.IsLetterOrDigit(new Rune(cp));

    private static bool IsEmojiLike(int cp) => cp is >= 0x1F000 or (>= 0x2600 and <= 0x27BF) or (>= 0x2190 and <= 0x21FF) or (>= 0x2B00 and <= 0x2BFF) or 0x20E3 or (>= 0xFE00 and <= 0xFE0F);

    // Scripts whose spelling uses ZWJ/ZWNJ: Arabic, Syriac, Thaana, Indic scripts, Sinhala, Myanmar, Khmer, Mongolian.
    private static bool UsesJoiners(int cp) => cp is (>= 0x0600 and <= 0x08FF) or (>= 0x0900 and <= 0x0DFF) or (>= 0x1000 and <= 0x109F)
        or (>= 0x1780 and <= 0x18AF) or (>= 0xFB50 and <= 0xFEFC);

    private static bool IsHan(int cp) => cp is (>= 0x3400 and <= 0x9FFF) or (>= 0xF900 and <= 0xFAFF) or (>= 0x20000 and <= 0x3FFFF);

    private static bool IsHangul(int cp) => cp is (>= 0x1100 and <= 0x11FF) or (>= 0x3130 and <= 0x318F) or (>= 0xAC00 and <= 0xD7AF);
}
