namespace LlmSecOps.RedTeam.Detectors;

/// <summary>
/// Word n-grams ("shingles") of a text as 64-bit hashes, for measuring how much of one text
/// reappears in another without allocating a string per n-gram. Words are runs of letters and
/// digits, compared case-insensitively.
/// </summary>
internal static class TextShingles
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    /// <summary>The hash of every word, and where each word is.</summary>
    public static (List<ulong> Hashes, List<(int Start, int Length)> Spans) Words(string text)
    {
        var hashes = new List<ulong>();
        var spans = new List<(int, int)>();
        var start = -1;
        var hash = FnvOffset;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if (char.IsLetterOrDigit(c))
            {
                if (start < 0)
                {
                    start = i;
                    hash = FnvOffset;
                }

                hash = (hash ^ char.ToLowerInvariant(c)) * FnvPrime;
            }
            else if (start >= 0)
            {
                hashes.Add(hash);
                spans.Add((start, i - start));
                start = -1;
            }
        }

        return (hashes, spans);
    }

    /// <summary>The hash of the n-gram starting at each word (words − n + 1 entries).</summary>
    public static ulong[] NGrams(List<ulong> words, int n)
    {
        var count = Math.Max(0, words.Count - n + 1);
        var result = new ulong[count];
        for (var i = 0; i < count; i++)
        {
            var h = FnvOffset;
            for (var j = 0; j < n; j++)
            {
                h = (h ^ words[i + j]) * FnvPrime;
                h ^= h >> 29;
            }

            result[i] = h;
        }

        return result;
    }
}
