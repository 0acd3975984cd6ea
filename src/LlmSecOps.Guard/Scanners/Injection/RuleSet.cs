namespace LlmSecOps.Guard.Scanners.Injection;

/// <summary>
/// Rules compiled against one <see cref="Lexicon"/>: each slot is a bit set of word ids plus
/// multi-word sequences, and rules are indexed by the ids that can start them, so matching
/// costs work only where a rule's first word occurs.
/// </summary>
internal sealed class RuleSet
{
    private RuleSet(Lexicon lexicon, CompiledRule[] rules, int[][] byFirstId, ulong[] technical, ulong[] security)
    {
        Lexicon = lexicon;
        Rules = rules;
        ByFirstId = byFirstId;
        Technical = technical;
        Security = security;
    }

    public Lexicon Lexicon { get; }

    public CompiledRule[] Rules { get; }

    /// <summary>For each word id, the rules whose first slot accepts it.</summary>
    public int[][] ByFirstId { get; }

    /// <summary>Ids of words that mark a text as being about software.</summary>
    public ulong[] Technical { get; }

    /// <summary>Ids of words that mark a text as being about security itself.</summary>
    public ulong[] Security { get; }

    /// <summary>One slot of a compiled rule.</summary>
    internal sealed class Slot
    {
        public required ulong[] Single { get; init; }

        /// <summary>Multi-word alternatives: per word, the ids accepted.</summary>
        public required int[][][] Sequences { get; init; }

        /// <summary>Ids that can start one of <see cref="Sequences"/>.</summary>
        public required ulong[] SequenceStarts { get; init; }

        /// <summary><see cref="Sequences"/> by the ids that can start them.</summary>
        public required Dictionary<int, int[][][]> SequencesByFirst { get; init; }

        /// <summary>Ids accepted only when the original text is upper case.</summary>
        public required int[] Upper { get; init; }

        public int MaxGap { get; init; }

        public bool Accepts(int id) => Has(Single, id);
    }

    /// <summary>A rule ready to match.</summary>
    internal sealed class CompiledRule
    {
        public required RuleDefinition Definition { get; init; }

        public required Slot[] Slots { get; init; }

        public ulong[]? Unless { get; init; }
    }

    public static bool Has(ulong[] bits, int id) => (uint)(id >> 6) < (uint)bits.Length && (bits[id >> 6] & (1UL << id)) != 0;

    /// <summary>Compiles concepts and rules; throws with the rule id on a malformed pattern.</summary>
    public static RuleSet Compile(IReadOnlyDictionary<string, string[]> concepts, IReadOnlyList<RuleDefinition> rules)
    {
        var lexicon = new Lexicon();
        foreach (var entries in concepts.Values)
        {
            foreach (var e in entries)
            {
                InternEntry(lexicon, e);
            }
        }

        foreach (var rule in rules)
        {
            foreach (var token in Tokens(rule.Pattern).Concat(rule.Unless is null ? [] : Tokens(rule.Unless)))
            {
                if (token.StartsWith('~'))
                {
                    continue;
                }

                foreach (var alt in token.Split('|'))
                {
                    if (!alt.StartsWith('@'))
                    {
                        InternEntry(lexicon, alt);
                    }
                    else if (!concepts.ContainsKey(alt[1..]))
                    {
                        throw new InvalidOperationException($"Rule {rule.Id}: unknown concept {alt}.");
                    }
                }
            }
        }

        lexicon.Freeze();
        var words = lexicon.Count;
        var compiled = new CompiledRule[rules.Count];
        var byFirst = new List<int>[words];
        for (var r = 0; r < rules.Count; r++)
        {
            var rule = rules[r];
            var slots = new List<Slot>();
            var gap = 0;
            foreach (var token in Tokens(rule.Pattern))
            {
                if (token.StartsWith('~'))
                {
                    gap = int.Parse(token.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
                    continue;
                }

                slots.Add(BuildSlot(lexicon, concepts, token, gap, words));
                gap = 0;
            }

            if (slots.Count == 0)
            {
                throw new InvalidOperationException($"Rule {rule.Id}: empty pattern.");
            }

            ulong[]? unless = null;
            if (rule.Unless is not null)
            {
                unless = BuildSlot(lexicon, concepts, rule.Unless, 0, words).Single;
            }

            compiled[r] = new CompiledRule { Definition = rule, Slots = [.. slots], Unless = unless };
            foreach (var id in FirstIds(slots[0], words))
            {
                (byFirst[id] ??= []).Add(r);
            }
        }

        var technical = concepts.ContainsKey("technical") ? BuildSlot(lexicon, concepts, "@technical", 0, words).Single : new ulong[(words + 63) / 64];
        var security = concepts.ContainsKey("security") ? BuildSlot(lexicon, concepts, "@security", 0, words).Single : new ulong[(words + 63) / 64];
        return new RuleSet(lexicon, compiled, [.. byFirst.Select(static l => l is null ? [] : l.Distinct().ToArray())], technical, security);
    }

    private static IEnumerable<string> Tokens(string pattern) =>
        pattern.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static void InternEntry(Lexicon lexicon, string entry)
    {
        foreach (var part in entry.TrimStart('^').Split('+'))
        {
            lexicon.Intern(part);
        }
    }

    private static Slot BuildSlot(Lexicon lexicon, IReadOnlyDictionary<string, string[]> concepts, string token, int gap, int words)
    {
        var single = new ulong[(words + 63) / 64];
        var sequences = new List<int[][]>();
        var upper = new List<int>();
        foreach (var alt in token.Split('|'))
        {
            var entries = alt.StartsWith('@') ? concepts[alt[1..]] : [alt];
            foreach (var entry in entries)
            {
                if (entry.Contains('+', StringComparison.Ordinal))
                {
                    sequences.Add([.. entry.Split('+').Select(p => lexicon.Expand(lexicon.Intern(p)))]);
                }
                else if (entry.StartsWith('^'))
                {
                    upper.AddRange(lexicon.Expand(lexicon.Intern(entry[1..])));
                }
                else
                {
                    foreach (var id in lexicon.Expand(lexicon.Intern(entry)))
                    {
                        single[id >> 6] |= 1UL << id;
                    }
                }
            }
        }

        var starts = new ulong[(words + 63) / 64];
        var byFirst = new Dictionary<int, List<int[][]>>();
        foreach (var seq in sequences)
        {
            foreach (var id in seq[0])
            {
                starts[id >> 6] |= 1UL << id;
                if (!byFirst.TryGetValue(id, out var list))
                {
                    byFirst[id] = list = [];
                }

                list.Add(seq);
            }
        }

        return new Slot
        {
            Single = single,
            Sequences = [.. sequences],
            SequenceStarts = starts,
            SequencesByFirst = byFirst.ToDictionary(static kv => kv.Key, static kv => kv.Value.ToArray()),
            Upper = [.. upper.Distinct()],
            MaxGap = gap,
        };
    }

    private static IEnumerable<int> FirstIds(Slot slot, int words)
    {
        for (var id = 0; id < words; id++)
        {
            if (slot.Accepts(id))
            {
                yield return id;
            }
        }

        foreach (var seq in slot.Sequences)
        {
            foreach (var id in seq[0])
            {
                yield return id;
            }
        }

        foreach (var id in slot.Upper)
        {
            yield return id;
        }
    }
}
