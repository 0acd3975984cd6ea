namespace LlmSecOps.Guard.Scanners.Injection;

/// <summary>
/// Finds a tail of token debris after an ordinary sentence: word pieces glued with a case
/// switch, stray brackets and backslashes, clusters of punctuation. Suffixes found by gradient
/// search (GCG and its descendants) look like this, and a person typing a request does not end
/// it that way. Works on the text as received, because normalisation folds some of the debris
/// away, and only on the last line, because code and pasted data are multi-line and dense in
/// symbols everywhere, not in a tail after prose.
/// </summary>
internal static class AdversarialSuffixDetector
{
    /// <summary>Rule id of the finding.</summary>
    public const string Rule = "jailbreak.suffix.adversarial";

    private const int MinTailTokens = 6;
    private const int MinOddTokens = 4;
    private const int MinProseWords = 4;
    private const int MaxTokens = 400;

    /// <summary>A tail found: where it starts and ends in the text, and how strong it is.</summary>
    /// <param name="Start">Start offset in the text.</param>
    /// <param name="End">End offset in the text.</param>
    /// <param name="OddTokens">Tokens of debris or shouting in the tail.</param>
    /// <param name="HardTokens">Tokens of debris no sentence has (symbols, glued pieces, mixed scripts).</param>
    /// <param name="WordyTokens">Debris tokens built around word pieces.</param>
    /// <param name="Tokens">Tokens in the tail.</param>
    public readonly record struct Tail(int Start, int End, int OddTokens, int HardTokens, int WordyTokens, int Tokens)
    {
        /// <summary>
        /// Score of the evidence. A long, dense tail is an attack by itself; a shorter one only
        /// next to other evidence (a harmful request, a dictated opening).
        /// </summary>
        public double Weight => HardTokens >= 6 && WordyTokens >= 3 && OddTokens * 10 >= Tokens * 6 ? 0.55 : 0.45;
    }

    /// <summary>Looks for a debris tail at the end of <paramref name="text"/>.</summary>
    public static Tail? Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var end = text.Length;
        while (end > 0 && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        var lineStart = text.LastIndexOf('\n', Math.Max(0, end - 1)) + 1;
        if (end - lineStart < 20)
        {
            return null;
        }

        // Tokens of the last line, as (start, end) pairs, at most MaxTokens from the end.
        Span<(int Start, int End)> tokens = stackalloc (int, int)[MaxTokens];
        var count = 0;
        var i = end;
        while (i > lineStart && count < MaxTokens)
        {
            while (i > lineStart && char.IsWhiteSpace(text[i - 1]))
            {
                i--;
            }

            var tokenEnd = i;
            while (i > lineStart && !char.IsWhiteSpace(text[i - 1]))
            {
                i--;
            }

            if (tokenEnd > i)
            {
                tokens[count++] = (i, tokenEnd);
            }
        }

        // tokens[0] is the last token. Grow the tail backwards; a candidate tail starts on a
        // debris token and keeps the debris share at one half or more. The longest candidate
        // that follows prose and does not read as data wins.
        // Debris built around word pieces ("similarlyNow", "<MANUEL", "^;dialogue") is what
        // separates a suffix from formulas ("A^T = B^T") and markup, so a tail needs some.
        Span<int> hardAt = stackalloc int[MaxTokens];
        Span<int> oddAt = stackalloc int[MaxTokens];
        Span<int> wordyAt = stackalloc int[MaxTokens];
        var odd = 0;
        var hard = 0;
        var wordy = 0;
        for (var k = 0; k < count; k++)
        {
            var token = text.AsSpan(tokens[k].Start, tokens[k].End - tokens[k].Start);
            var kind = Classify(token);
            hard += kind == Debris.Hard ? 1 : 0;
            odd += kind != Debris.None ? 1 : 0;
            wordy += kind == Debris.Hard && CountLetters(token) >= 3 ? 1 : 0;
            hardAt[k] = kind == Debris.Hard ? hard : -hard;
            oddAt[k] = odd;
            wordyAt[k] = wordy;
        }

        for (var k = count - 1; k >= MinTailTokens - 1; k--)
        {
            var length = k + 1;
            var hardCount = Math.Abs(hardAt[k]);
            if (hardAt[k] <= 0 || hardCount < MinOddTokens || oddAt[k] * 2 < length || wordyAt[k] < 2)
            {
                continue;
            }

            var tailStart = tokens[k].Start;
            if (LooksLikeData(text.AsSpan(tailStart, end - tailStart)))
            {
                continue;
            }

            var prose = 0;
            for (var j = length; j < count && prose < MinProseWords; j++)
            {
                if (IsWord(text.AsSpan(tokens[j].Start, tokens[j].End - tokens[j].Start)))
                {
                    prose++;
                }
            }

            if (prose >= MinProseWords || CountWordsBefore(text, lineStart) >= MinProseWords - prose)
            {
                return new Tail(tailStart, end, oddAt[k], hardCount, wordyAt[k], length);
            }
        }

        return null;
    }

    // Data and code pasted after a request are dense in symbols too, but they are built: brackets
    // balance, items are separated by commas, statements end in semicolons, URLs have schemes.
    // Gradient-search debris is not.
    internal static bool LooksLikeData(ReadOnlySpan<char> tail)
    {
        int curly = 0, square = 0, round = 0, separators = 0, semicolons = 0;
        for (var k = 0; k < tail.Length; k++)
        {
            switch (tail[k])
            {
                case '{': curly++; break;
                case '}': curly--; break;
                case '[': square++; break;
                case ']': square--; break;
                case '(': round++; break;
                case ')': round--; break;
                case ';': semicolons++; break;
                case '=' when k + 1 < tail.Length && tail[k + 1] is '\'' or '"':
                    // Attributes of markup: id='x' value="y".
                    separators += 2;
                    break;
                case ',' or ':' when k + 1 < tail.Length && tail[k + 1] == ' ':
                    // Items of a list or a mapping: "'a': 1, 'b': 2".
                    separators += k > 0 && (tail[k - 1] is '\'' or '"' or ']' or '}' or ')' || char.IsDigit(tail[k - 1])) ? 2 : 1;
                    break;
            }
        }

        var balanced = curly == 0 && square == 0 && round == 0;
        return (balanced && separators >= 2) || separators >= 6 || semicolons >= 2 || tail.IndexOf("://", StringComparison.Ordinal) >= 0;
    }

    /// <summary>How a token reads: a word, shouting, or debris no sentence has.</summary>
    internal enum Debris
    {
        /// <summary>A word or prose punctuation.</summary>
        None,

        /// <summary>An upper-case word of four letters or more: shouting in prose, common in suffixes.</summary>
        Shout,

        /// <summary>Symbols, glued word pieces, mixed scripts.</summary>
        Hard,
    }

    /// <summary>Classifies one whitespace-separated token.</summary>
    internal static Debris Classify(ReadOnlySpan<char> token)
    {
        var letters = 0;
        var upper = 0;
        var rare = 0;
        var punctuation = 0;
        var caseSwitch = false;
        var latin = false;
        var otherScript = false;
        for (var k = 0; k < token.Length; k++)
        {
            var c = token[k];
            if (char.IsLetter(c))
            {
                letters++;
                upper += char.IsUpper(c) ? 1 : 0;
                if (IsLatin(c))
                {
                    latin = true;
                }
                else
                {
                    otherScript = true;
                }

                // A lower-case letter followed by an upper-case one inside a token ("similarlyNow").
                if (k + 1 < token.Length && char.IsLower(c) && char.IsUpper(token[k + 1]) && letters >= 3)
                {
                    caseSwitch = true;
                }
            }
            else if (c is '[' or ']' or '{' or '}' or '\\' or '^' or '~' or '|' or '<' or '>' or '=' or '*' or '#' or '%' or '$' or '@' or '`' or '_')
            {
                rare++;
            }
            else if (!char.IsDigit(c) && !char.IsWhiteSpace(c) && c is not ('"' or '\'' or '“' or '”' or '‘' or '’' or '«' or '»'))
            {
                punctuation++;
            }
        }

        if (letters == 0)
        {
            // Pure punctuation: a dash or an ellipsis is prose, a cluster of symbols is not.
            return rare > 0 || (punctuation >= 2 && !IsProsePunctuation(token)) ? Debris.Hard : Debris.None;
        }

        // A word does not start with closing or sentence punctuation: ")(word", ".(word".
        var oddStart = !char.IsLetterOrDigit(token[0]) && token[0] is not ('(' or '"' or '\'' or '“' or '‘' or '¿' or '¡' or '«' or '„');
        if (rare > 0 || punctuation >= 3 || (oddStart && letters >= 2) || (caseSwitch && !IsCommonCamelCase(token))
            || (latin && otherScript && letters >= 3))
        {
            return Debris.Hard;
        }

        return letters >= 4 && upper == letters ? Debris.Shout : Debris.None;
    }

    // Latin letters, with the precomposed letters Vietnamese and other languages write with
    // stacked accents ("bậc", "nhẫn"), which Unicode keeps in later blocks.
    private static bool IsLatin(char c) =>
        c < '\u0250' || c is >= '\u1E00' and <= '\u1EFF' or >= '\u2C60' and <= '\u2C7F' or >= '\uA720' and <= '\uA7FF' or >= '\uAB30' and <= '\uAB6F';

    private static bool IsProsePunctuation(ReadOnlySpan<char> token) =>
        token is "..." or "--" or "—" or "–" or "?!" or "!?" or "!!" or "??" or "..";

    // Brand-style names in ordinary prose ("iPhone", "JavaScript") switch case once after a short
    // head; debris glues whole words ("describingNow", "similarlyWrite").
    private static bool IsCommonCamelCase(ReadOnlySpan<char> token)
    {
        var switches = 0;
        for (var k = 0; k + 1 < token.Length; k++)
        {
            if (char.IsLower(token[k]) && char.IsUpper(token[k + 1]))
            {
                switches++;
            }
        }

        return switches == 1 && char.IsUpper(token[0]);
    }

    private static int CountLetters(ReadOnlySpan<char> token)
    {
        var letters = 0;
        foreach (var c in token)
        {
            letters += char.IsLetter(c) ? 1 : 0;
        }

        return letters;
    }

    private static bool IsWord(ReadOnlySpan<char> token)
    {
        var letters = 0;
        foreach (var c in token)
        {
            if (char.IsLetter(c))
            {
                letters++;
            }
            else if (c is not ('\'' or '’' or '-' or ',' or '.' or '?' or '!' or ':' or ';' or '"' or '(' or ')'))
            {
                return false;
            }
        }

        return letters >= 2;
    }

    private static int CountWordsBefore(string text, int end)
    {
        var words = 0;
        var inWord = false;
        for (var k = 0; k < end && words < MinProseWords; k++)
        {
            if (char.IsLetter(text[k]))
            {
                if (!inWord)
                {
                    words++;
                    inWord = true;
                }
            }
            else if (char.IsWhiteSpace(text[k]))
            {
                inWord = false;
            }
        }

        return words;
    }
}
