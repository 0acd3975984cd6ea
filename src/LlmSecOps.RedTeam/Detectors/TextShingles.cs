namespace LlmSecOps.RedTeam.Detectors;

/// <summary>Word n-grams ("shingles") of a text, for measuring how much of one text reappears in another.</summary>
internal static class TextShingles
{
    /// <summary>The lower-cased words of a text (letters and digits).</summary>
    public static List<string> Words(string text)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                words.Add(text[start..i].ToLowerInvariant());
                start = -1;
            }
        }

        return words;
    }

    /// <summary>The set of n-word sequences.</summary>
    public static HashSet<string> Shingles(List<string> words, int n)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + n <= words.Count; i++)
        {
            set.Add(string.Join(' ', words.GetRange(i, n)));
        }

        return set;
    }
}
