namespace LlmSecOps.Guard.Classifier;

/// <summary>
/// A small character-trigram model of ordinary text (prose and code), used to measure how far a
/// text is from ordinary language. Adversarial suffixes found by optimisation (GCG and its kin)
/// are strings of token fragments and punctuation, so their trigrams are rare: the worst window
/// of a text stands out even when the rest is an ordinary request. Only ASCII is modelled; other
/// characters are skipped, so a text is not unusual merely for being in another script.
/// Counts are hashed and stored as quantised logarithms (one byte per bucket).
/// </summary>
internal sealed class LanguageProfile
{
    public const int TrigramBits = 16;
    public const int ContextBits = 13;
    /// <summary>Characters in the sliding window; a power of two.</summary>
    public const int Window = 64;

    /// <summary>Fewest modelled characters for a measurement.</summary>
    public const int MinChars = 16;

    private const float Alpha = 0.1f;
    private const float AlphabetSize = 96f;
    private const int TrigramMask = (1 << TrigramBits) - 1;
    private const int ContextMask = (1 << ContextBits) - 1;

    internal static readonly float[] TrigramLog = BuildLogTable(Alpha);
    internal static readonly float[] ContextLog = BuildLogTable(Alpha * AlphabetSize);

    private readonly byte[] _trigrams;
    private readonly byte[] _contexts;

    // The context bucket of every pair of ASCII characters, looked up instead of hashed.
    private readonly byte[] _contextOfPair;

    public LanguageProfile(byte[] trigrams, byte[] contexts)
    {
        ArgumentNullException.ThrowIfNull(trigrams);
        ArgumentNullException.ThrowIfNull(contexts);
        if (trigrams.Length != 1 << TrigramBits || contexts.Length != 1 << ContextBits)
        {
            throw new InvalidDataException("language profile tables have the wrong size");
        }

        _trigrams = trigrams;
        _contexts = contexts;
        _contextOfPair = new byte[128 * 128];
        for (var a = 0; a < 128; a++)
        {
            for (var b = 0; b < 128; b++)
            {
                _contextOfPair[(a << 7) | b] = contexts[ContextIndex((char)a, (char)b)];
            }
        }
    }

    public ReadOnlySpan<byte> Trigrams => _trigrams;

    public ReadOnlySpan<byte> Contexts => _contexts;

    /// <summary>Builds a profile from cleaned texts (see <see cref="FeatureExtractor.Clean"/>).</summary>
    public static LanguageProfile Build(IEnumerable<string> cleanedTexts)
    {
        ArgumentNullException.ThrowIfNull(cleanedTexts);
        var tri = new long[1 << TrigramBits];
        var ctx = new long[1 << ContextBits];
        foreach (var text in cleanedTexts)
        {
            char a = ' ', b = ' ';
            foreach (var c in text)
            {
                if (c >= 128)
                {
                    continue;
                }

                tri[TrigramIndex(a, b, c)]++;
                ctx[ContextIndex(a, b)]++;
                a = b;
                b = c;
            }
        }

        return new LanguageProfile(Quantise(tri), Quantise(ctx));
    }

    /// <summary>
    /// Mean surprisal (bits per character) of the worst <see cref="Window"/>-character window, and
    /// of the whole text; both 0 when fewer than <see cref="MinChars"/> characters are modelled.
    /// </summary>
    public (float WindowMax, float Mean) Measure(ReadOnlySpan<char> cleaned)
    {
        Span<float> ring = stackalloc float[Window];
        char a = ' ', b = ' ';
        var n = 0;
        float total = 0, windowSum = 0, worst = 0;
        foreach (var c in cleaned)
        {
            if (c >= 128)
            {
                continue;
            }

            var s = ContextLog[_contextOfPair[(a << 7) | b]] - TrigramLog[_trigrams[TrigramIndex(a, b, c)]];
            a = b;
            b = c;
            total += s;
            var slot = n & (Window - 1);
            windowSum += s - (n >= Window ? ring[slot] : 0);
            ring[slot] = s;
            n++;
            if (n >= Window && windowSum > worst)
            {
                worst = windowSum;
            }
        }

        if (n < MinChars)
        {
            return (0, 0);
        }

        var mean = total / n;
        return (n >= Window ? worst / Window : mean, mean);
    }

    internal static int TrigramIndex(char a, char b, char c) =>
        (int)(FeatureHash.Mix((((uint)a * 131u) + b) * 131u + c) & TrigramMask);

    internal static int ContextIndex(char a, char b) =>
        (int)(FeatureHash.Mix(((uint)a * 131u) + b + 0x3c6ef372u) & ContextMask);

    private static byte[] Quantise(long[] counts)
    {
        var q = new byte[counts.Length];
        for (var i = 0; i < counts.Length; i++)
        {
            q[i] = (byte)Math.Min(255, Math.Round(8 * Math.Log2(1 + counts[i])));
        }

        return q;
    }

    private static float[] BuildLogTable(float pseudoCount)
    {
        var table = new float[256];
        for (var q = 0; q < 256; q++)
        {
            var count = Math.Pow(2, q / 8.0) - 1;
            table[q] = (float)Math.Log2(count + pseudoCount);
        }

        return table;
    }
}
