using System.Buffers;
using LlmSecOps.Guard.Text;

namespace LlmSecOps.Guard.Scanners.Injection;

/// <summary>
/// Runs a <see cref="RuleSet"/> over normalised text. The text is cut into words; only words in
/// the lexicon become items, each with its position in the word sequence (so gaps count every
/// word, known or not). Each rule is tried from the items its first slot accepts, with bounded
/// backtracking; the first match of each rule is reported.
/// </summary>
internal static class RuleMatcher
{
    // Backtracking steps allowed per text; rules still unmatched when it runs out are skipped.
    private const int StepBudget = 1_000_000;

    // Words that may precede an "opening" match (RuleFlags.Opening) before it counts as pointing
    // at the user's own text: a short lead-in ("Some confusion on my part, repeat …") still counts.
    private const int OpeningWords = 16;

    private struct Item
    {
        public int Id;
        public int PosStart;
        public int PosEnd;
        public int Start;
        public int End;
    }

    private sealed class State
    {
        public required RuleSet Set { get; init; }

        public required Item[] Items { get; init; }

        public int Count { get; set; }

        public required string Original { get; init; }

        public required int[] Map { get; init; }

        public int Steps { get; set; }

        public TextTraits Traits { get; set; }
    }

    /// <summary>Matches every rule against one normalised text and adds a signal per rule that matched.</summary>
    /// <param name="set">The rules.</param>
    /// <param name="text">Normalised text.</param>
    /// <param name="map">Offsets of <paramref name="text"/> in <paramref name="original"/>.</param>
    /// <param name="original">The text before normalisation (for case checks and ambiguous leetspeak).</param>
    /// <param name="signals">Where signals are added.</param>
    /// <returns>What the text is about (see <see cref="TextTraits"/>).</returns>
    public static TextTraits Match(RuleSet set, string text, int[] map, string original, List<Signal> signals)
    {
        if (text.Length == 0)
        {
            return TextTraits.None;
        }

        var items = ArrayPool<Item>.Shared.Rent(Math.Min(text.Length, 1 << 20) + 8);
        try
        {
            var state = new State { Set = set, Items = items, Original = original, Map = map };
            Tokenize(state, text);
            var technical = (state.Traits & TextTraits.Technical) != 0;
            var fired = ArrayPool<bool>.Shared.Rent(set.Rules.Length);
            Array.Clear(fired, 0, set.Rules.Length);
            try
            {
                for (var b = 0; b < state.Count && state.Steps < StepBudget; b++)
                {
                    foreach (var r in set.ByFirstId[items[b].Id])
                    {
                        if (fired[r])
                        {
                            continue;
                        }

                        var rule = set.Rules[r];
                        if (TryStart(state, rule, b, out var last))
                        {
                            fired[r] = true;
                            var d = rule.Definition;
                            signals.Add(new Signal(d.Id, d.Category, Weigh(state, rule, b, last, technical), items[b].Start, items[last].End, d.Message,
                                (d.Flags & RuleFlags.Companion) != 0, (d.Flags & RuleFlags.Style) != 0));
                        }
                    }
                }
            }
            finally
            {
                ArrayPool<bool>.Shared.Return(fired);
            }

            return state.Traits;
        }
        finally
        {
            ArrayPool<Item>.Shared.Return(items);
        }
    }

    private static double Weigh(State state, RuleSet.CompiledRule rule, int first, int last, bool technical)
    {
        var d = rule.Definition;
        var weight = d.Weight;
        if (technical && (d.Flags & RuleFlags.Technical) != 0)
        {
            weight *= 0.5;
        }

        if ((d.Flags & RuleFlags.Opening) != 0 && state.Items[first].PosStart >= OpeningWords)
        {
            weight /= 3;
        }

        if (rule.Unless is { } unless)
        {
            for (var k = Math.Max(0, first - d.UnlessReach); k <= last + d.UnlessReach && k < state.Count; k++)
            {
                if (RuleSet.Has(unless, state.Items[k].Id))
                {
                    weight *= d.UnlessFactor;
                    break;
                }
            }
        }

        return weight;
    }

    private static bool TryStart(State state, RuleSet.CompiledRule rule, int b, out int last)
    {
        var slot = rule.Slots[0];
        if (state.Set.Lexicon.Count > 0 && Consume(state, slot, b, rule, 0, out last))
        {
            return true;
        }

        last = -1;
        return false;
    }

    // Tries every way the slot can consume items starting at b, then the rest of the rule.
    private static bool Consume(State state, RuleSet.Slot slot, int b, RuleSet.CompiledRule rule, int slotIndex, out int last)
    {
        var items = state.Items;
        var id = items[b].Id;
        if (slot.Accepts(id) || (slot.Upper.Length > 0 && Array.IndexOf(slot.Upper, id) >= 0 && IsUpper(state, items[b])))
        {
            if (Next(state, rule, slotIndex + 1, b, out last))
            {
                return true;
            }
        }

        if (!RuleSet.Has(slot.SequenceStarts, id))
        {
            last = -1;
            return false;
        }

        foreach (var seq in slot.SequencesByFirst[id])
        {
            var end = b;
            var ok = true;
            for (var k = 1; ok && k < seq.Length; k++)
            {
                end++;
                ok = end < state.Count && items[end].PosStart - items[end - 1].PosEnd <= 1 && Array.IndexOf(seq[k], items[end].Id) >= 0;
            }

            if (ok && Next(state, rule, slotIndex + 1, end, out last))
            {
                return true;
            }
        }

        last = -1;
        return false;
    }

    private static bool Next(State state, RuleSet.CompiledRule rule, int slotIndex, int prev, out int last)
    {
        if (slotIndex == rule.Slots.Length)
        {
            last = prev;
            return true;
        }

        var slot = rule.Slots[slotIndex];
        var items = state.Items;
        var limit = items[prev].PosEnd + slot.MaxGap + 1;
        for (var b = prev + 1; b < state.Count && items[b].PosStart <= limit; b++)
        {
            if (++state.Steps > StepBudget)
            {
                break;
            }

            if (Consume(state, slot, b, rule, slotIndex, out last))
            {
                return true;
            }
        }

        last = -1;
        return false;
    }

    private static bool IsUpper(State state, Item item)
    {
        var letters = 0;
        for (var k = item.Start; k < item.End; k++)
        {
            var o = state.Map[k];
            if ((uint)o >= (uint)state.Original.Length)
            {
                return false;
            }

            var c = state.Original[o];
            if (char.IsLetter(c))
            {
                if (!char.IsUpper(c))
                {
                    return false;
                }

                letters++;
            }
        }

        return letters > 0;
    }

    // Cuts the text into words and keeps those in the lexicon as items, noting the text's traits.
    private static void Tokenize(State state, string text)
    {
        var lexicon = state.Set.Lexicon;
        var pos = 0;
        var i = 0;
        var colon = lexicon.Lookup(":");
        while (i < text.Length)
        {
            var c = text[i];
            if (CharFolding.IsSubstringScript(c))
            {
                var j = i + 1;
                while (j < text.Length && (CharFolding.IsSubstringScript(text[j]) || IsMark(text[j])))
                {
                    j++;
                }

                var cjk = CharFolding.IsCjk(c);
                FindKeywords(state, text, i, j, pos, cjk);
                pos += cjk ? ((j - i) / 2) + 1 : 1;
                i = j;
                continue;
            }

            if (IsWordChar(c))
            {
                // Scan the word, packing it (and its first three characters) for the lexicon on the way.
                var j = i;
                ulong key = 0;
                ulong key3 = 0;
                var packable = true;
                var hasI = false;
                while (j < text.Length)
                {
                    var d = text[j];
                    if (d < 128)
                    {
                        if (!char.IsAsciiLetterOrDigit(d) && !(d == '\'' && j > i && j + 1 < text.Length && char.IsLetter(text[j + 1])))
                        {
                            break;
                        }
                    }
                    else if (CharFolding.IsSubstringScript(d) || !IsWordChar(d))
                    {
                        break;
                    }

                    if (packable)
                    {
                        var code = PackedWordTable<int>.Code(d);
                        if (code == 0 || j - i >= PackedWordTable<int>.MaxLength)
                        {
                            packable = false;
                        }
                        else
                        {
                            key = (key << 6) | code;
                            if (j - i == 2)
                            {
                                key3 = key;
                            }
                        }
                    }
                    else if (j - i == 2 && key3 == 0)
                    {
                        key3 = PackedWordTable<int>.Pack(text.AsSpan(i, 3));
                    }

                    hasI |= d == 'i';
                    j++;
                }

                var token = text.AsSpan(i, j - i);
                var id = lexicon.Lookup(token, packable ? key : 0, key3);
                if (id < 0 && hasI)
                {
                    id = RetryAmbiguousLeet(state, text, i, j);
                }

                if (id < 0 && packable && lexicon.MayStartSplitWord(key3) && TryJoinSplit(lexicon, text, i, j, out var joinedEnd, out id))
                {
                    Add(state, id, pos, pos + 1, i, joinedEnd);
                    pos += 2;
                    i = joinedEnd;
                    continue;
                }

                if (id >= 0)
                {
                    Add(state, id, pos, pos, i, j);
                }

                pos++;
                i = j;
                continue;
            }

            if (c == ':' && colon >= 0)
            {
                Add(state, colon, pos, pos, i, i + 1);
            }

            i++;
        }

    }

    private static void Add(State state, int id, int posStart, int posEnd, int start, int end)
    {
        if (state.Count == state.Items.Length)
        {
            return;
        }

        state.Items[state.Count++] = new Item { Id = id, PosStart = posStart, PosEnd = posEnd, Start = start, End = end };
        if (RuleSet.Has(state.Set.Technical, id))
        {
            state.Traits |= TextTraits.Technical;
        }

        if (RuleSet.Has(state.Set.Security, id))
        {
            state.Traits |= TextTraits.Security;
        }
    }

    private static void FindKeywords(State state, string text, int start, int end, int pos, bool cjk)
    {
        var lexicon = state.Set.Lexicon;
        for (var p = start; p < end;)
        {
            var matched = 0;
            foreach (var (keyword, id) in lexicon.KeywordsStartingWith(text[p]))
            {
                if (text.AsSpan(p, end - p).StartsWith(keyword, StringComparison.Ordinal))
                {
                    var at = cjk ? pos + ((p - start) / 2) : pos;
                    Add(state, id, at, at, p, p + keyword.Length);
                    matched = keyword.Length;
                    break;
                }
            }

            p += matched > 0 ? matched : 1;
        }
    }

    // A word cut in two by a space ("ign ore", "instruc tions"): joined when the halves are
    // unknown and the whole is a lexicon word.
    private static bool TryJoinSplit(Lexicon lexicon, string text, int start, int end, out int joinedEnd, out int id)
    {
        joinedEnd = end;
        id = -1;
        var first = text.AsSpan(start, end - start);
        if (first.Length is < 3 or > 8 || end + 1 >= text.Length || text[end] != ' ' || !IsLowerAscii(first))
        {
            return false;
        }

        var k = end + 1;
        while (k < text.Length && char.IsAsciiLetterLower(text[k]) && k - end <= 12)
        {
            k++;
        }

        var second = text.AsSpan(end + 1, k - end - 1);
        if (second.Length < 2 || second.Length > 12 || (k < text.Length && char.IsLetterOrDigit(text[k])) || lexicon.Lookup(second) >= 0)
        {
            return false;
        }

        Span<char> joined = stackalloc char[first.Length + second.Length];
        first.CopyTo(joined);
        second.CopyTo(joined[first.Length..]);
        id = lexicon.Lookup(joined);
        joinedEnd = k;
        return id >= 0;
    }

    private static bool IsLowerAscii(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiLetterLower(c))
            {
                return false;
            }
        }

        return true;
    }

    // "1" and "!" read as "i" by the normaliser may have meant "l" ("ru1es").
    private static int RetryAmbiguousLeet(State state, string text, int start, int end)
    {
        var length = end - start;
        if (length > 32 || state.Map.Length < end)
        {
            return -1;
        }

        Span<char> alt = stackalloc char[length];
        var changed = false;
        for (var k = 0; k < length; k++)
        {
            var c = text[start + k];
            var o = state.Map[start + k];
            if (c == 'i' && (uint)o < (uint)state.Original.Length && state.Original[o] is '1' or '!')
            {
                c = 'l';
                changed = true;
            }

            alt[k] = c;
        }

        return changed ? state.Set.Lexicon.Lookup(alt) : -1;
    }

    private static bool IsWordChar(char c) => c < 0x80 ? char.IsAsciiLetterOrDigit(c) : char.IsLetterOrDigit(c) || IsMark(c);

    private static bool IsMark(char c) =>
        c >= 0x300 && char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark;
}
