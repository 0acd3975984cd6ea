namespace LlmSecOps.Guard.Scanners.SystemPromptLeak;

/// <summary>
/// Splits normalised text into words and hashes them. A word is a run of letters or digits;
/// each Chinese, Japanese or Korean character is a word of its own, since those scripts do not
/// separate words with spaces. Punctuation, markdown and whitespace are ignored, which is what
/// makes the comparison robust to reformatting.
/// </summary>
internal static class WordShingles
{
    private const ulong FnvOffset = 14695981039346656037;
    private const ulong FnvPrime = 1099511628211;

    /// <summary>One word: its hash and its place in the text.</summary>
    public readonly record struct Word(ulong Hash, int Start, int End);

    /// <summary>The words of a text.</summary>
    public static List<Word> Words(string text)
    {
        var words = new List<Word>(Math.Min(text.Length / 5, 1 << 16) + 1);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (!char.IsLetterOrDigit(c))
            {
                i++;
                continue;
            }

            var start = i;
            var hash = FnvOffset;
            if (IsIdeographic(c))
            {
                hash = (hash ^ char.ToLowerInvariant(c)) * FnvPrime;
                i++;
            }
            else
            {
                while (i < text.Length && char.IsLetterOrDigit(text[i]) && !IsIdeographic(text[i]))
                {
                    hash = (hash ^ char.ToLowerInvariant(text[i])) * FnvPrime;
                    i++;
                }
            }

            words.Add(new Word(hash, start, i));
        }

        return words;
    }

    /// <summary>Hash of the <paramref name="size"/> words starting at <paramref name="index"/>.</summary>
    public static ulong Shingle(List<Word> words, int index, int size)
    {
        var h = FnvOffset;
        for (var k = 0; k < size; k++)
        {
            h = (h ^ words[index + k].Hash) * FnvPrime;
            h ^= h >> 29;
        }

        return h;
    }

    private static bool IsIdeographic(char c) =>
        c is (>= '\u3040' and <= '\u30FF') or (>= '\u3400' and <= '\u4DBF') or (>= '\u4E00' and <= '\u9FFF') or
            (>= '\uAC00' and <= '\uD7AF') or (>= '\uF900' and <= '\uFAFF');
}
