namespace LlmSecOps.Guard.Classifier;

/// <summary>
/// The structural signals, each coded as a few cumulative indicators ("at least t"), which lets a
/// linear model give each level its own weight. The thresholds of the language-profile signals
/// come from the model (they are percentiles of benign training text); the rest are fixed here,
/// and <see cref="Version"/> changes whenever this list does so that an old model is refused.
/// </summary>
internal static class StructuralFeatures
{
    /// <summary>Bumped whenever a feature is added, removed or recoded.</summary>
    public const int Version = 1;

    public const int SymbolDensity = 0;
    public const int OddTokens = 3;
    public const int GibberishWindow = 6;
    public const int UnusualLanguage = 9;
    public const int SecondPerson = 11;
    public const int RoleTokens = 14;

    /// <summary>
    /// Distinct <see cref="ConceptLexicon"/> concepts present: at least 2, 3, 4. One concept alone
    /// is everyday language ("ignore the typos", "what is a system prompt?"); attacks combine them.
    /// </summary>
    public const int ConceptCount = 16;

    /// <summary>Pairs of concepts that together make the usual attack shapes (see <see cref="ConceptPairs"/>).</summary>
    public const int ConceptPair = ConceptCount + 3;

    public const int Count = ConceptPair + 6;

    /// <summary>The concept pairs, in feature order.</summary>
    public static IReadOnlyList<(int A, int B)> ConceptPairs { get; } =
    [
        (ConceptLexicon.Override, ConceptLexicon.RulesAndInstructions),
        (ConceptLexicon.Unrestricted, ConceptLexicon.Persona),
        (ConceptLexicon.Persona, ConceptLexicon.Priming),
        (ConceptLexicon.Extraction, ConceptLexicon.RulesAndInstructions),
        (ConceptLexicon.Override, ConceptLexicon.Extraction),
        (ConceptLexicon.Authority, ConceptLexicon.Override),
    ];

    public static ReadOnlySpan<float> SymbolDensityLevels => [0.10f, 0.20f, 0.30f];

    public static ReadOnlySpan<float> OddTokenLevels => [0.10f, 0.20f, 0.35f];

    public static ReadOnlySpan<float> SecondPersonLevels => [0.03f, 0.06f, 0.10f];

    public static ReadOnlySpan<float> RoleTokenLevels => [1f, 3f];

    /// <summary>Readable names, in index order, used in explanations.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "struct:symbol_density>=0.10", "struct:symbol_density>=0.20", "struct:symbol_density>=0.30",
        "struct:odd_token_ratio>=0.10", "struct:odd_token_ratio>=0.20", "struct:odd_token_ratio>=0.35",
        "struct:gibberish_window>=p99", "struct:gibberish_window>=p99.7", "struct:gibberish_window>=p99.9",
        "struct:unusual_language>=p99", "struct:unusual_language>=p99.9",
        "struct:second_person>=0.03", "struct:second_person>=0.06", "struct:second_person>=0.10",
        "struct:role_tokens>=1", "struct:role_tokens>=3",
        "struct:attack_concepts>=2", "struct:attack_concepts>=3", "struct:attack_concepts>=4",
        "struct:override+rules", "struct:unrestricted+persona", "struct:persona+priming",
        "struct:extraction+rules", "struct:override+extraction", "struct:authority+override",
    ];

    /// <summary>Writes 1 into each level of a ladder that the value reaches.</summary>
    public static void Ladder(Span<float> into, int first, float value, ReadOnlySpan<float> levels)
    {
        for (var i = 0; i < levels.Length; i++)
        {
            into[first + i] = value >= levels[i] ? 1f : 0f;
        }
    }

    /// <summary>
    /// Fraction of whitespace-separated tokens of the original text that look like fragments
    /// rather than words: a lower-to-upper case switch inside the token, punctuation between
    /// letters other than the marks ordinary words and paths use, or a cluster of three or more
    /// mixed symbols.
    /// </summary>
    public static float OddTokenRatio(ReadOnlySpan<char> original)
    {
        var tokens = 0;
        var odd = 0;
        var i = 0;
        while (i < original.Length)
        {
            while (i < original.Length && char.IsWhiteSpace(original[i]))
            {
                i++;
            }

            var start = i;
            while (i < original.Length && !char.IsWhiteSpace(original[i]))
            {
                i++;
            }

            if (i > start)
            {
                tokens++;
                if (IsOdd(original[start..i]))
                {
                    odd++;
                }
            }
        }

        return tokens == 0 ? 0 : (float)odd / tokens;
    }

    private static bool IsOdd(ReadOnlySpan<char> token)
    {
        var letters = 0;
        var symbols = 0;
        char firstSymbol = '\0';
        var mixedSymbols = false;
        var caseSwitch = false;
        var interiorMark = false;
        var afterLetterMark = false; // a letter, then marks that ordinary words do not use
        for (var i = 0; i < token.Length; i++)
        {
            var c = token[i];
            if (char.IsLetter(c))
            {
                letters++;
                if (i > 0 && char.IsUpper(c) && char.IsLower(token[i - 1]))
                {
                    caseSwitch = true;
                }

                interiorMark |= afterLetterMark;
                afterLetterMark = false;
            }
            else if (char.IsDigit(c))
            {
                afterLetterMark = false;
            }
            else
            {
                symbols++;
                if (firstSymbol == '\0')
                {
                    firstSymbol = c;
                }
                else if (c != firstSymbol)
                {
                    mixedSymbols = true;
                }

                if (!IsWordMark(c) && i > 0 && (char.IsLetter(token[i - 1]) || afterLetterMark))
                {
                    afterLetterMark = true;
                }
                else if (IsWordMark(c))
                {
                    afterLetterMark = false;
                }
            }
        }

        return letters > 0 && (caseSwitch || interiorMark || (symbols >= 3 && mixedSymbols));
    }

    private static bool IsWordMark(char c) => c is '\'' or '’' or '-' or '.' or '_' or '/' or ':' or '@' or '&' or ',';
}
