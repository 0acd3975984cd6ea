using System.Buffers;
using System.Globalization;
using LlmSecOps.Core.Scanning;

namespace LlmSecOps.Guard.Text;

/// <summary>
/// Folds text into the canonical form rules match against, keeping for every output character
/// the offset of the original character it came from, so findings can point into the text as
/// received.
/// </summary>
/// <remarks>
/// Two passes. The first works on characters: it drops invisible characters (zero-width, bidi
/// controls, variation selectors, Unicode tags, combining marks), applies the compatibility
/// folds of NFKC that matter for matching (full-width, mathematical and enclosed letters,
/// ligatures, small capitals, accents) and collapses whitespace. The second works on words:
/// Cyrillic and Greek look-alikes inside Latin words become Latin, case is folded, leetspeak
/// is read inside words that contain letters, and words spelled out letter by letter
/// ("i g n o r e", "i-g-n-o-r-e") or cut by separators ("ig.no.re") are rejoined.
/// Both passes are linear in the input.
/// </remarks>
public static class TextNormalizer
{
    // Letters of spelled-out runs re-segmented into words per text; beyond it runs are only joined.
    private const int SegmentationBudget = 4096;
    private const int MaxSegmentLength = 256;
    private const int MaxWordLength = 20;
    private const int MaxUnsegmentedJoin = 24;

    [Flags]
    private enum WordFlags : byte
    {
        None = 0,
        HasLatin = 1,
        HasConfusableScript = 2,
        AllConfusable = 4,
        HasLeet = 8,
        HasUpper = 16,
    }

    private readonly record struct Word(int Start, int End, WordFlags Flags)
    {
        public int Length => End - Start;

        public bool PureLatin => (Flags & (WordFlags.HasLatin | WordFlags.HasConfusableScript)) == WordFlags.HasLatin;
    }

    /// <summary>
    /// Normalises a text, returning the normalised string and, for each of its characters, the
    /// offset in the original it came from.
    /// </summary>
    public static (string Normalized, int[] Map) Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return (string.Empty, []);
        }

        var first = new CharMapBuffer(text.Length + 16);
        try
        {
            FoldCharacters(text, ref first);
            var second = new CharMapBuffer(first.Length + 16);
            try
            {
                return FoldWords(first, ref second) ? (second.ToText(), second.ToMap()) : (first.ToText(), first.ToMap());
            }
            finally
            {
                second.Dispose();
            }
        }
        finally
        {
            first.Dispose();
        }
    }

    /// <summary>
    /// Finds runs of Unicode tag characters (U+E0020–U+E007E each stand for one ASCII
    /// character) and returns the hidden ASCII text of each run with its span in the text.
    /// </summary>
    public static IReadOnlyList<(string Text, TextSpan Span)> DecodeTagCharacters(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        List<(string, TextSpan)>? runs = null;
        var span = text.AsSpan();
        var i = span.IndexOf('\uDB40');
        if (i < 0)
        {
            return [];
        }

        var sb = new System.Text.StringBuilder();
        var runStart = -1;
        var runEnd = -1;
        for (; i < span.Length - 1; i++)
        {
            if (span[i] == '\uDB40' && span[i + 1] is >= '\uDC00' and <= '\uDC7F')
            {
                if (runStart < 0 || i != runEnd)
                {
                    Flush();
                    runStart = i;
                }

                var ascii = span[i + 1] - 0xDC00;
                if (ascii is >= 0x20 and <= 0x7E)
                {
                    sb.Append((char)ascii);
                }

                i++;
                runEnd = i + 1;
            }
        }

        Flush();
        return (IReadOnlyList<(string, TextSpan)>?)runs ?? [];

        void Flush()
        {
            if (runStart >= 0 && sb.Length > 0)
            {
                runs ??= [];
                runs.Add((sb.ToString(), TextSpan.FromBounds(runStart, runEnd)));
            }

            sb.Clear();
            runStart = -1;
        }
    }

    private static void FoldCharacters(string text, ref CharMapBuffer output)
    {
        Span<char> folded = stackalloc char[4];
        var pending = CharFolding.Kind.Keep;
        var pendingOrigin = 0;

        // Printable ASCII and whitespace map one to one, so the text's length is enough for them;
        // only compatibility folds can expand, and they check for room.
        output.EnsureCapacity(text.Length + 8);
        var chars = output.RawChars;
        var map = output.RawMap;
        var n = output.Length;
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            int cp;
            var width = 1;
            if (c is > ' ' and < '\u007F')
            {
                if (pending != CharFolding.Kind.Keep)
                {
                    if (n > 0)
                    {
                        chars[n] = pending == CharFolding.Kind.Newline ? '\n' : ' ';
                        map[n++] = pendingOrigin;
                    }

                    pending = CharFolding.Kind.Keep;
                }

                // ASCII letters are lower-cased here; other scripts keep their case until the
                // word pass, where look-alike folding needs it.
                chars[n] = char.IsAsciiLetterUpper(c) ? (char)(c | 0x20) : c;
                map[n++] = i++;
                continue;
            }

            if (c < 0x80)
            {
                cp = c;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                cp = char.ConvertToUtf32(c, text[i + 1]);
                width = 2;
            }
            else if (char.IsSurrogate(c))
            {
                // An unpaired surrogate carries nothing readable.
                i++;
                continue;
            }
            else
            {
                cp = c;
            }

            switch (CharFolding.Classify(cp))
            {
                case CharFolding.Kind.Drop:
                    break;
                case CharFolding.Kind.Space:
                    if (pending == CharFolding.Kind.Keep)
                    {
                        pending = CharFolding.Kind.Space;
                        pendingOrigin = i;
                    }

                    break;
                case CharFolding.Kind.Newline:
                    if (pending == CharFolding.Kind.Keep)
                    {
                        pendingOrigin = i;
                    }

                    pending = CharFolding.Kind.Newline;
                    break;
                default:
                    var folds = CharFolding.Fold(cp, folded);
                    if (n + 4 + (text.Length - i) > chars.Length)
                    {
                        output.Length = n;
                        output.EnsureCapacity(n + 16 + (text.Length - i));
                        chars = output.RawChars;
                        map = output.RawMap;
                    }

                    if (pending != CharFolding.Kind.Keep)
                    {
                        if (n > 0)
                        {
                            chars[n] = pending == CharFolding.Kind.Newline ? '\n' : ' ';
                            map[n++] = pendingOrigin;
                        }

                        pending = CharFolding.Kind.Keep;
                    }

                    if (folds == 0)
                    {
                        chars[n] = c;
                        map[n++] = i;
                        if (width == 2)
                        {
                            chars[n] = text[i + 1];
                            map[n++] = i + 1;
                        }
                    }
                    else
                    {
                        for (var k = 0; k < folds; k++)
                        {
                            chars[n] = folded[k];
                            map[n++] = i;
                        }
                    }

                    break;
            }

            i += width;
        }

        output.Length = n;
    }

    private static bool IsWordCore(char c)
    {
        if (c < 0x80)
        {
            return char.IsAsciiLetterOrDigit(c);
        }

        if (char.IsSurrogate(c))
        {
            return false;
        }

        var cat = char.GetUnicodeCategory(c);
        return cat <= UnicodeCategory.OtherLetter
            || cat is UnicodeCategory.DecimalDigitNumber or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
    }

    // Characters allowed inside a word but not at its ends: leetspeak symbols and apostrophes.
    private static bool IsInner(char c) => c is '@' or '$' or '!' or '|' or '\'';

    // Characters that may cut a word into pieces ("ig.no.re", "i-g-n-o-r-e").
    private static bool IsSeparator(char c) => c is '.' or '-' or '_' or '*' or '/' or '~' or '+';

    // Returns false when no word needed folding, leaving output empty: the input is the result.
    private static bool FoldWords(CharMapBuffer source, ref CharMapBuffer output)
    {
        var src = source.Chars;
        var words = ArrayPool<Word>.Shared.Rent(Math.Max(16, (src.Length / 2) + 2));
        try
        {
            var count = FindWords(src, words);
            return EmitWords(source, words.AsSpan(0, count), ref output);
        }
        finally
        {
            ArrayPool<Word>.Shared.Return(words);
        }
    }

    // Per ASCII character: word core, allowed inside a word, upper-case letter, leetspeak, letter.
    private const byte AsciiCore = 1;
    private const byte AsciiInner = 2;
    private const byte AsciiUpper = 4;
    private const byte AsciiLeet = 8;
    private const byte AsciiLetter = 16;

    private static readonly byte[] AsciiClass = BuildAsciiClass();

    private static byte[] BuildAsciiClass()
    {
        var table = new byte[128];
        for (var c = 0; c < 128; c++)
        {
            var ch = (char)c;
            byte b = 0;
            if (char.IsAsciiLetterOrDigit(ch))
            {
                b |= AsciiCore;
            }

            if (IsInner(ch))
            {
                b |= AsciiInner;
            }

            if (char.IsAsciiLetterUpper(ch))
            {
                b |= AsciiUpper;
            }

            if (char.IsAsciiLetter(ch))
            {
                b |= AsciiLetter;
            }

            if (LeetValue(ch) != '\0')
            {
                b |= AsciiLeet;
            }

            table[c] = b;
        }

        return table;
    }

    private static int FindWords(ReadOnlySpan<char> src, Word[] words)
    {
        var table = AsciiClass;
        var count = 0;
        var i = 0;
        while (i < src.Length)
        {
            var c = src[i];
            var cls = c < 128 ? table[c] : (IsWordCore(c) ? AsciiCore : (byte)0);
            if ((cls & (AsciiCore | AsciiInner)) == 0)
            {
                i++;
                continue;
            }

            // One run of word characters; leading and trailing symbols are trimmed off.
            var first = -1;
            var last = -1;
            var bits = 0;
            var nonAscii = false;
            while (i < src.Length)
            {
                c = src[i];
                if (c < 128)
                {
                    cls = table[c];
                }
                else
                {
                    cls = IsWordCore(c) ? AsciiCore : (byte)0;
                    nonAscii |= cls != 0;
                }

                if ((cls & (AsciiCore | AsciiInner)) == 0)
                {
                    break;
                }

                if ((cls & AsciiCore) != 0)
                {
                    if (first < 0)
                    {
                        first = i;
                    }

                    last = i;
                }

                bits |= cls;
                i++;
            }

            if (first < 0)
            {
                continue;
            }

            var word = src[first..(last + 1)];
            WordFlags flags;
            if (nonAscii)
            {
                flags = Classify(word);
            }
            else
            {
                flags = WordFlags.None;
                if ((bits & AsciiLetter) != 0)
                {
                    flags |= WordFlags.HasLatin;
                }

                if ((bits & AsciiUpper) != 0)
                {
                    flags |= WordFlags.HasUpper;
                }

                if ((bits & AsciiLeet) != 0)
                {
                    flags |= WordFlags.HasLeet;
                }
            }

            words[count++] = new Word(first, last + 1, flags);
        }

        return count;
    }

    private static WordFlags Classify(ReadOnlySpan<char> word)
    {
        var flags = WordFlags.AllConfusable;
        foreach (var c in word)
        {
            if (char.IsAsciiLetterLower(c))
            {
                flags |= WordFlags.HasLatin;
                flags &= ~WordFlags.AllConfusable;
            }
            else if (char.IsAsciiLetterUpper(c))
            {
                flags |= WordFlags.HasLatin | WordFlags.HasUpper;
                flags &= ~WordFlags.AllConfusable;
            }
            else if (CharFolding.IsConfusableScript(c))
            {
                flags |= WordFlags.HasConfusableScript | WordFlags.HasUpper;
                if (CharFolding.Confusable(c) == '\0')
                {
                    flags &= ~WordFlags.AllConfusable;
                }
            }
            else
            {
                if (LeetValue(c) != '\0')
                {
                    flags |= WordFlags.HasLeet;
                }

                if (c >= 0x80 && char.IsUpper(c))
                {
                    // Other scripts keep their case until here.
                    flags |= WordFlags.HasUpper;
                }

                if (!char.IsAsciiDigit(c))
                {
                    flags &= ~WordFlags.AllConfusable;
                }
            }
        }

        if ((flags & WordFlags.HasConfusableScript) == 0)
        {
            flags &= ~WordFlags.AllConfusable;
        }

        return flags;
    }

    private static bool EmitWords(CharMapBuffer source, ReadOnlySpan<Word> words, ref CharMapBuffer output)
    {
        var src = source.Chars;
        var cursor = 0;
        var changed = false;
        var budget = SegmentationBudget;

        // A run of single letters separated by single spaces ("i g n o r e"), in output offsets.
        var runStart = -1;
        var runCount = 0;

        var w = 0;
        while (w < words.Length)
        {
            var g = w + 1;
            while (g < words.Length && words[g].Start == words[g - 1].End + 1 && IsSeparator(src[words[g - 1].End]))
            {
                g++;
            }

            var single = g == w + 1 && words[w].Length == 1 && IsSpellable(src[words[w].Start]);

            // Plain words (lower case apart from case folding) are left in place and copied in
            // bulk with the text around them; only the others are handled one by one.
            if (runStart < 0 && g == w + 1 && !single && (words[w].Flags & (WordFlags.HasLeet | WordFlags.HasConfusableScript | WordFlags.HasUpper)) == 0)
            {
                w = g;
                continue;
            }

            changed = true;
            var gapStart = cursor;
            var gapEnd = words[w].Start;
            var gapIsSingleSpace = gapEnd - gapStart == 1 && src[gapStart] == ' ' && gapStart > 0
                && source.MapAt(gapStart) == source.MapAt(gapStart - 1) + 1 && source.MapAt(gapEnd) == source.MapAt(gapStart) + 1;

            if (runStart >= 0 && !(single && gapIsSingleSpace))
            {
                FinishRun(ref output, runStart, runCount, ref budget);
                runStart = -1;
            }

            CopyAsIs(source, gapStart, gapEnd, ref output);

            var groupStart = output.Length;
            for (var k = w; k < g; k++)
            {
                if (k > w)
                {
                    var sep = words[k - 1].End;
                    output.Append(src[sep], source.MapAt(sep));
                }

                var prevPureLatin = k > 0 && words[k - 1].PureLatin;
                var nextPureLatin = k + 1 < words.Length && words[k + 1].PureLatin;
                EmitWord(source, words[k], prevPureLatin || nextPureLatin, ref output);
            }

            if (g - w >= 2)
            {
                TryJoinPieces(ref output, groupStart, g - w, ref budget);
            }
            else if (single)
            {
                if (runStart < 0)
                {
                    runStart = groupStart;
                    runCount = 1;
                }
                else
                {
                    runCount++;
                }
            }

            cursor = words[g - 1].End;
            w = g;
        }

        if (runStart >= 0)
        {
            FinishRun(ref output, runStart, runCount, ref budget);
        }

        if (changed)
        {
            CopyAsIs(source, cursor, src.Length, ref output);
        }

        return changed;
    }

    // Copies source[start..end) as it is (ASCII is already lower case, gaps hold no letters).
    private static void CopyAsIs(CharMapBuffer source, int start, int end, ref CharMapBuffer output)
    {
        var length = end - start;
        if (length <= 0)
        {
            return;
        }

        var at = output.Length;
        output.EnsureCapacity(at + length);
        source.Chars.Slice(start, length).CopyTo(output.RawChars.AsSpan(at, length));
        source.Map.Slice(start, length).CopyTo(output.RawMap.AsSpan(at, length));
        output.Length = at + length;
    }

    private static bool IsSpellable(char c) => char.IsAsciiLetter(c) || c is '0' or '1' or '3' or '4' or '5' or '7' or '8' or '9';

    private static char Lower(char c) => c < 0x80
        ? (char.IsAsciiLetterUpper(c) ? (char)(c | 0x20) : c)
        : char.ToLowerInvariant(c);

    private static void EmitWord(CharMapBuffer source, Word word, bool latinNeighbour, ref CharMapBuffer output)
    {
        var f = word.Flags;
        var start = output.Length;
        if ((f & (WordFlags.HasUpper | WordFlags.HasLeet | WordFlags.HasConfusableScript)) == 0)
        {
            // The common case: lower-case ASCII letters (and digits) copied as they are.
            output.EnsureCapacity(start + word.Length);
            source.Chars.Slice(word.Start, word.Length).CopyTo(output.RawChars.AsSpan(start));
            source.Map.Slice(word.Start, word.Length).CopyTo(output.RawMap.AsSpan(start));
            output.Length = start + word.Length;
            return;
        }

        var foldConfusables = (f & WordFlags.HasConfusableScript) != 0
            && ((f & WordFlags.HasLatin) != 0 || ((f & WordFlags.AllConfusable) != 0 && word.Length >= 3 && latinNeighbour));
        for (var k = word.Start; k < word.End; k++)
        {
            var c = source[k];
            if (foldConfusables)
            {
                var latin = CharFolding.Confusable(c);
                if (latin != '\0')
                {
                    c = latin;
                }
            }

            output.Append(Lower(c), source.MapAt(k));
        }

        if ((f & WordFlags.HasLeet) != 0)
        {
            // "name@example.com": the @ of an address is not an "a".
            var email = word.End + 1 < source.Length && source[word.End] == '.' && char.IsAsciiLetter(source[word.End + 1]);
            FoldLeet(output.Chars[start..], keepAt: email);
        }
    }

    /// <summary>
    /// Reads leetspeak inside a word that has at least two letters, leaving numbers, ordinals,
    /// quantities with units ("100ms", "3rd") and hex literals alone.
    /// </summary>
    private static void FoldLeet(Span<char> word, bool keepAt = false)
    {
        var letters = 0;
        var leet = 0;
        foreach (var c in word)
        {
            if (char.IsAsciiLetterLower(c))
            {
                letters++;
            }
            else if (LeetValue(c) != '\0')
            {
                leet++;
            }
        }

        if (leet == 0 || letters < 2 || (word.Length > 2 && word[0] == '0' && word[1] == 'x'))
        {
            return;
        }

        var p = 0;
        while (p < word.Length && char.IsAsciiDigit(word[p]))
        {
            p++;
        }

        if (p > 0 && IsUnit(word[p..]))
        {
            return;
        }

        for (var i = 0; i < word.Length; i++)
        {
            var v = LeetValue(word[i]);
            if (v != '\0' && !(keepAt && word[i] == '@'))
            {
                word[i] = v;
            }
        }
    }

    private static char LeetValue(char c) => c switch
    {
        '0' => 'o',
        '1' or '!' => 'i',
        '3' => 'e',
        '4' or '@' => 'a',
        '5' or '$' => 's',
        '7' => 't',
        '8' => 'b',
        '9' => 'g',
        '|' => 'l',
        _ => '\0',
    };

    private static bool IsUnit(ReadOnlySpan<char> s) => s is
        "st" or "nd" or "rd" or "th" or "am" or "pm" or "s" or "ms" or "us" or "ns" or "m" or "h" or "d" or "k" or "x" or "px" or "em" or "pt"
        or "kb" or "mb" or "gb" or "tb" or "kg" or "g" or "mg" or "km" or "cm" or "mm" or "ml" or "l" or "hz" or "khz" or "mhz" or "ghz"
        or "v" or "w" or "kw" or "mah" or "fps" or "bit" or "bits" or "bytes" or "gbps" or "mbps" or "min" or "sec" or "yo" or "lbs" or "oz"
        or "ft" or "in" or "yr" or "yrs" or "mo" or "wk" or "days" or "hrs" or "p" or "i" or "e" or "f" or "c";

    // Joins a group of pieces cut by separators when the pieces are single letters (then
    // re-segmented into words) or when the joined form is a known word.
    private static void TryJoinPieces(ref CharMapBuffer output, int regionStart, int pieces, ref int budget)
    {
        var region = output.Chars[regionStart..];
        var letters = 0;
        var ascii = 0;
        var longest = 0;
        var current = 0;
        foreach (var c in region)
        {
            if (IsSeparator(c))
            {
                longest = Math.Max(longest, current);
                current = 0;
            }
            else
            {
                letters++;
                current++;
                if (char.IsAsciiLetter(c))
                {
                    ascii++;
                }
            }
        }

        longest = Math.Max(longest, current);
        if (letters > MaxSegmentLength || ascii < 2)
        {
            return;
        }

        if (longest == 1 && pieces >= 3)
        {
            Rejoin(ref output, regionStart, segment: true, ref budget);
            return;
        }

        Span<char> joined = stackalloc char[letters];
        var n = 0;
        foreach (var c in region)
        {
            if (!IsSeparator(c))
            {
                joined[n++] = c;
            }
        }

        FoldLeet(joined);
        if (WordList.IsKnown(joined))
        {
            Rejoin(ref output, regionStart, segment: false, ref budget);
        }
    }

    private static void FinishRun(ref CharMapBuffer output, int runStart, int runCount, ref int budget)
    {
        var ascii = 0;
        foreach (var c in output.Chars[runStart..])
        {
            if (char.IsAsciiLetter(c))
            {
                ascii++;
            }
        }

        // Lists of digits ("1 3 5 7") are numbers, not a spelled word.
        if (runCount >= 3 && ascii >= 2)
        {
            Rejoin(ref output, runStart, segment: true, ref budget);
        }
    }

    // Rewrites output[regionStart..] keeping only letters; with segment, puts a space (mapped to
    // the separator it replaces) wherever the joined letters split into known words.
    private static void Rejoin(ref CharMapBuffer output, int regionStart, bool segment, ref int budget)
    {
        var length = output.Length - regionStart;
        var letters = ArrayPool<char>.Shared.Rent(length);
        var letterMap = ArrayPool<int>.Shared.Rent(length);
        var gapMap = ArrayPool<int>.Shared.Rent(length);
        try
        {
            var n = 0;
            var gap = -1;
            for (var k = regionStart; k < output.Length; k++)
            {
                var c = output[k];
                if (c == ' ' || IsSeparator(c))
                {
                    if (gap < 0)
                    {
                        gap = output.MapAt(k);
                    }

                    continue;
                }

                letters[n] = c;
                letterMap[n] = output.MapAt(k);
                gapMap[n] = gap;
                gap = -1;
                n++;
            }

            var joined = letters.AsSpan(0, n);
            FoldLeet(joined);
            Span<bool> boundary = n <= 512 ? stackalloc bool[n] : new bool[n];
            boundary.Clear();
            var segmented = false;
            if (segment && n <= MaxSegmentLength && budget >= n)
            {
                budget -= n;
                segmented = Segment(joined, boundary);
            }

            // A long run of letters that are not words ("o o o o …") is left as it is.
            if (segment && !segmented && n > MaxUnsegmentedJoin)
            {
                return;
            }

            output.Length = regionStart;
            for (var k = 0; k < n; k++)
            {
                if (boundary[k])
                {
                    output.Append(' ', gapMap[k] >= 0 ? gapMap[k] : letterMap[k]);
                }

                output.Append(joined[k], letterMap[k]);
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(letters);
            ArrayPool<int>.Shared.Return(letterMap);
            ArrayPool<int>.Shared.Return(gapMap);
        }
    }

    // Splits letters into the fewest known words (dynamic programming over prefixes); marks
    // the first letter of every word after the first. Returns false (boundaries clear) when no
    // full split exists.
    private static bool Segment(ReadOnlySpan<char> s, Span<bool> boundary)
    {
        var n = s.Length;
        Span<short> best = stackalloc short[n + 1];
        Span<short> back = stackalloc short[n + 1];
        best.Fill(short.MaxValue);
        best[0] = 0;
        for (var i = 0; i < n; i++)
        {
            if (best[i] == short.MaxValue)
            {
                continue;
            }

            var max = Math.Min(MaxWordLength, n - i);
            for (var len = 1; len <= max; len++)
            {
                if (len == 1 && s[i] is not ('a' or 'i'))
                {
                    continue;
                }

                if (best[i] + 1 < best[i + len] && WordList.IsKnown(s.Slice(i, len)))
                {
                    best[i + len] = (short)(best[i] + 1);
                    back[i + len] = (short)i;
                }
            }
        }

        if (best[n] == short.MaxValue)
        {
            return false;
        }

        for (var end = n; end > 0;)
        {
            var start = back[end];
            if (start > 0)
            {
                boundary[start] = true;
            }

            end = start;
        }

        return true;
    }
}
