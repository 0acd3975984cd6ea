namespace LlmSecOps.Guard.Scanners.Length;

/// <summary>
/// A cheap token count, good enough for limits, without a tokenizer. For alphabetic scripts it is
/// the larger of characters / 4 and words × 4 / 3 (the usual rules of thumb for BPE tokenizers on
/// English: about four characters or three-quarters of a word per token); taking the larger keeps
/// short-word and symbol-heavy text from being underestimated. Chinese, Japanese and Korean
/// characters count one token each, which is close to what current tokenizers produce.
/// </summary>
internal static class TokenEstimator
{
    /// <summary>Estimated tokens in a text.</summary>
    public static int Estimate(ReadOnlySpan<char> text)
    {
        long cjk = 0;
        long other = 0;
        long words = 0;
        var inWord = false;
        foreach (var c in text)
        {
            if (IsCjk(c))
            {
                cjk++;
                inWord = false;
                continue;
            }

            other++;
            if (char.IsLetterOrDigit(c))
            {
                if (!inWord)
                {
                    words++;
                    inWord = true;
                }
            }
            else
            {
                inWord = false;
            }
        }

        var byChars = (other + 3) / 4;
        var byWords = ((words * 4) + 2) / 3;
        var total = cjk + Math.Max(byChars, byWords);
        return (int)Math.Min(total, int.MaxValue);
    }

    /// <summary>The most tokens a text of this many characters can be estimated at.</summary>
    public static long UpperBound(int length) => ((long)length * 4 / 3) + 1;

    private static bool IsCjk(char c) =>
        c is (>= '\u3040' and <= '\u30FF') or (>= '\u3400' and <= '\u4DBF') or (>= '\u4E00' and <= '\u9FFF') or
            (>= '\uAC00' and <= '\uD7AF') or (>= '\uF900' and <= '\uFAFF') or (>= '\uFF66' and <= '\uFF9F');
}
