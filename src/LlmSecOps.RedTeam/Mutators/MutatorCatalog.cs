namespace LlmSecOps.RedTeam.Mutators;

/// <summary>The built-in mutators and the parsing of <c>--mutators</c> lists.</summary>
internal static class MutatorCatalog
{
    /// <summary>Every built-in mutator, in a stable order.</summary>
    public static IReadOnlyList<Mutator> All { get; } =
    [
        new Base64Mutator(),
        new HexMutator(),
        new Rot13Mutator(),
        new MorseMutator(),
        new LeetspeakMutator(),
        new HomoglyphMutator(),
        new ZeroWidthMutator(),
        new UnicodeTagMutator(),
        new CharSplitMutator(),
        new PayloadSplitMutator(),
        new TranslateMutator(),
        new FewShotMutator(),
        new ReverseMutator(),
        new CodeBlockMutator(),
        new SpacingMutator(),
        new CasingMutator(),
        new UrlEncodeMutator(),
    ];

    /// <summary>A mutator by name (a few common spellings accepted), or null.</summary>
    public static Mutator? Find(string name)
    {
        var n = name.Trim().ToLowerInvariant().Replace('-', '_');
        n = n switch
        {
            "leet" => "leetspeak",
            "homoglyphs" => "homoglyph",
            "zerowidth" or "zero_width_space" => "zero_width",
            "tags" or "unicode_tag" or "ascii_smuggling" => "unicode_tags",
            "split" or "char_splitting" => "char_split",
            "payload_splitting" => "payload_split",
            "translation" => "translate",
            "fewshot" => "few_shot",
            "reversal" or "reversed" => "reverse",
            "markdown" or "codeblock" => "code_block",
            "url" or "urlencode" or "percent" => "url_encode",
            _ => n,
        };
        return All.FirstOrDefault(m => m.Name == n);
    }

    /// <summary>
    /// Parses a comma-separated list of chains (<c>none,base64,base64+rot13</c>; <c>all</c> means
    /// none plus every mutator alone). Returns the chains and the problems found.
    /// </summary>
    public static (IReadOnlyList<MutatorChain> Chains, IReadOnlyList<string> Errors) Parse(string? spec)
    {
        var chains = new List<MutatorChain>();
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(spec))
        {
            return ([MutatorChain.None], errors);
        }

        foreach (var raw in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (raw.Equals("all", StringComparison.OrdinalIgnoreCase))
            {
                chains.Add(MutatorChain.None);
                chains.AddRange(All.Select(m => new MutatorChain([m])));
                continue;
            }

            if (raw.Equals(MutatorChain.NoneName, StringComparison.OrdinalIgnoreCase) || raw.Equals("identity", StringComparison.OrdinalIgnoreCase))
            {
                chains.Add(MutatorChain.None);
                continue;
            }

            var parts = new List<Mutator>();
            foreach (var name in raw.Split('+', StringSplitOptions.TrimEntries))
            {
                if (Find(name) is { } m)
                {
                    parts.Add(m);
                }
                else
                {
                    errors.Add($"unknown mutator '{name}' in '{raw}'; expected one of: none, all, {string.Join(", ", All.Select(x => x.Name))}");
                }
            }

            if (parts.Count > 8)
            {
                errors.Add($"'{raw}': a chain holds at most 8 mutators");
            }
            else if (parts.Count > 0)
            {
                chains.Add(new MutatorChain(parts));
            }
        }

        var distinct = chains.DistinctBy(c => c.Name, StringComparer.Ordinal).ToList();
        return (distinct, errors);
    }
}
