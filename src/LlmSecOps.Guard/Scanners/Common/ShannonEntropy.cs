namespace LlmSecOps.Guard.Scanners.Common;

/// <summary>Shannon entropy of short strings, used to tell random credentials from words.</summary>
internal static class ShannonEntropy
{
    /// <summary>Bits per character of the value's character distribution (0 for empty).</summary>
    public static double BitsPerChar(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return 0;
        }

        // Credentials are ASCII; anything else shares one bucket, which only lowers the estimate.
        Span<int> counts = stackalloc int[129];
        counts.Clear();
        foreach (var c in value)
        {
            counts[c < 128 ? c : 128]++;
        }

        double entropy = 0;
        double length = value.Length;
        foreach (var n in counts)
        {
            if (n > 0)
            {
                var p = n / length;
                entropy -= p * Math.Log2(p);
            }
        }

        return entropy;
    }

    /// <summary>Character classes present: lower, upper, digit, other (0–4).</summary>
    public static int CharClasses(ReadOnlySpan<char> value)
    {
        bool lower = false, upper = false, digit = false, other = false;
        foreach (var c in value)
        {
            if (char.IsAsciiLetterLower(c))
            {
                lower = true;
            }
            else if (char.IsAsciiLetterUpper(c))
            {
                upper = true;
            }
            else if (char.IsAsciiDigit(c))
            {
                digit = true;
            }
            else
            {
                other = true;
            }
        }

        return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
    }
}
