using System.Runtime.CompilerServices;

namespace LlmSecOps.Guard.Classifier;

/// <summary>
/// Turns a normalised text into the sparse feature vector the linear model reads:
/// <list type="bullet">
/// <item>character n-grams (signed hashing) of the cleaned text: lower case, digits folded to 0,
/// whitespace runs collapsed, padded with a space at each end so word edges are visible;</item>
/// <item>words and consecutive word pairs (runs of letters and digits);</item>
/// <item>structural signals (<see cref="StructuralFeatures"/>).</item>
/// </list>
/// Each hashed bucket counts once (presence, not frequency, so repeating a phrase does not
/// dominate), and the character and word blocks are scaled to unit length. Extraction works in
/// the thread's <see cref="FeatureScratch"/> and allocates nothing on the way.
/// </summary>
internal sealed class FeatureExtractor
{
    /// <summary>Characters of the normalised text looked at; the engine's input limit is far below this.</summary>
    public const int MaxChars = 1 << 18;

    /// <summary>Concepts count as present together only within this many characters of each other.</summary>
    public const int ConceptWindowChars = 1000;

    // Concept hits looked at; a text with more is a wall of trigger words anyway.
    private const int MaxConceptHits = 512;

    private static readonly uint[] SecondPersonHashes = HashWords(
        "you", "your", "yours", "yourself", "yourselves", "youre", "ur", "thou", "thee",
        "du", "dich", "dir", "dein", "deine", "deinen", "deinem", "deiner", "euch", "euer",
        "tu", "te", "toi", "ton", "ta", "tes", "vous", "votre", "vos",
        "tú", "ti", "tus", "usted", "ustedes", "vosotros", "tuo", "tua", "tuoi", "voi",
        "você", "voce", "vocês", "teu", "jij", "jouw", "jullie",
        "ты", "тебя", "тебе", "твой", "твоя", "вы", "вас", "вам", "ваш", "ty", "ciebie", "tobie", "sen", "sana", "seni", "siz");

    // A 4,096-bit filter over the hashes above, so most words skip the search.
    private static readonly ulong[] SecondPersonFilter = Filter(SecondPersonHashes);

    private static readonly string[] RoleMarkers =
    [
        "system:", "assistant:", "user:", "human:", "<|", "|>", "[inst]", "[/inst]", "<<sys>>",
        "### instruction", "### response", "### system", "</s>", "[system]", "{system}",
    ];

    private readonly int _mask;
    private readonly int _buckets;
    private readonly int _featuresPerChar;

    public FeatureExtractor(FeatureSettings settings, LanguageProfile? profile, float[] profileLevels)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(profileLevels);
        settings.Validate();
        if (profileLevels.Length != ProfileLevelCount)
        {
            throw new InvalidDataException($"expected {ProfileLevelCount} language-profile levels");
        }

        Settings = settings;
        Profile = profile;
        ProfileLevels = profileLevels;
        _buckets = settings.Buckets;
        _mask = _buckets - 1;
        _featuresPerChar = settings.CharMax - settings.CharMin + 1 + (settings.WordBigrams ? 2 : 1);
    }

    /// <summary>Thresholds of the gibberish-window (3) then unusual-language (2) ladders.</summary>
    public const int ProfileLevelCount = 5;

    public FeatureSettings Settings { get; }

    public LanguageProfile? Profile { get; }

    public float[] ProfileLevels { get; }

    /// <summary>Extracts the features of a text into the scratch.</summary>
    public void Extract(ReadOnlySpan<char> normalized, ReadOnlySpan<char> original, FeatureScratch scratch)
    {
        var none = default(NoFeatureObserver);
        Extract(normalized, original, scratch, ref none);
    }

    /// <summary>Extracts the features of a text into the scratch, telling the observer about each.</summary>
    public void Extract<TObserver>(ReadOnlySpan<char> normalized, ReadOnlySpan<char> original, FeatureScratch scratch, ref TObserver observer)
        where TObserver : struct, IFeatureObserver
    {
        ArgumentNullException.ThrowIfNull(scratch);
        if (normalized.Length > MaxChars)
        {
            normalized = normalized[..MaxChars];
        }

        if (original.Length > MaxChars)
        {
            original = original[..MaxChars];
        }

        scratch.Prepare(normalized.Length, _buckets, _featuresPerChar);
        var stats = Clean(normalized, scratch.Clean, out var length);
        scratch.CleanLength = length;
        ReadOnlySpan<char> clean = scratch.Clean.AsSpan(0, length);

        CharNgrams(clean, scratch, ref observer);
        scratch.CharEnd = scratch.Count;
        var secondPerson = Words(clean, scratch, ref observer, out var words);
        scratch.WordEnd = scratch.Count;
        scratch.ClearSeen(_buckets);

        Scale(scratch.Values.AsSpan(0, scratch.CharEnd), Settings.CharScale);
        Scale(scratch.Values.AsSpan(scratch.CharEnd, scratch.WordEnd - scratch.CharEnd), Settings.WordScale);

        var structural = scratch.Structural.AsSpan();
        ComputeStructural(clean, original, stats, secondPerson, words, structural);
        for (var i = 0; i < structural.Length; i++)
        {
            if (structural[i] != 0)
            {
                scratch.Indices[scratch.Count] = _buckets + i;
                scratch.Values[scratch.Count] = structural[i];
                scratch.Count++;
                observer.Observe(_buckets + i, FeatureKind.Structural, -1, 0);
            }
        }
    }

    /// <summary>
    /// The cleaned form of a text as used by the n-grams and the language profile: lower case,
    /// digits as 0, whitespace runs as one space, a space at each end.
    /// </summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var buffer = new char[Math.Min(text.Length, MaxChars) + 2];
        Clean(text.AsSpan(0, Math.Min(text.Length, MaxChars)), buffer, out var length);
        return new string(buffer, 0, length);
    }

    private static CleanStats Clean(ReadOnlySpan<char> text, char[] buffer, out int length)
    {
        var n = 0;
        buffer[n++] = ' ';
        var previousSpace = true;
        var stats = default(CleanStats);
        foreach (var raw in text)
        {
            var c = raw;
            if (c <= ' ' || (c > 127 && char.IsWhiteSpace(c)))
            {
                if (!previousSpace)
                {
                    buffer[n++] = ' ';
                    previousSpace = true;
                }

                continue;
            }

            if (c < 128)
            {
                if (c is >= 'A' and <= 'Z')
                {
                    c = (char)(c | 0x20);
                }
                else if (c is >= '0' and <= '9')
                {
                    c = '0';
                }
                else if (c is not (>= 'a' and <= 'z'))
                {
                    stats.Symbols++;
                }
            }
            else if (char.IsDigit(c))
            {
                c = '0';
            }
            else
            {
                c = char.ToLowerInvariant(c);
                if (!char.IsLetter(c))
                {
                    stats.Symbols++;
                }
            }

            buffer[n++] = c;
            previousSpace = false;
            stats.NonSpace++;
        }

        if (!previousSpace)
        {
            buffer[n++] = ' ';
        }

        length = n;
        return stats;
    }

    private void CharNgrams<TObserver>(ReadOnlySpan<char> clean, FeatureScratch scratch, ref TObserver observer)
        where TObserver : struct, IFeatureObserver
    {
        var min = Settings.CharMin;
        var max = Settings.CharMax;
        for (var i = 0; i + min <= clean.Length; i++)
        {
            var h = FeatureHash.CharSeed;
            var top = Math.Min(max, clean.Length - i);
            for (var k = 0; k < top; k++)
            {
                h = FeatureHash.Step(h, clean[i + k]);
                if (k + 1 >= min)
                {
                    Emit(FeatureHash.Mix(h + ((uint)(k + 1) * 0x9E3779B9u)), FeatureKind.Char, i, k + 1, scratch, ref observer);
                }
            }
        }
    }

    private int Words<TObserver>(ReadOnlySpan<char> clean, FeatureScratch scratch, ref TObserver observer, out int words)
        where TObserver : struct, IFeatureObserver
    {
        var secondPerson = 0;
        words = 0;
        uint previous = 0;
        var previousStart = -1;
        var i = 0;
        while (i < clean.Length)
        {
            while (i < clean.Length && !char.IsLetterOrDigit(clean[i]))
            {
                i++;
            }

            var start = i;
            while (i < clean.Length && char.IsLetterOrDigit(clean[i]))
            {
                i++;
            }

            if (i == start)
            {
                break;
            }

            var word = clean[start..i];
            var h = FeatureHash.Word(word);
            words++;
            if ((SecondPersonFilter[(int)((h >> 20) & 63)] & (1UL << (int)(h >> 26))) != 0 && Array.BinarySearch(SecondPersonHashes, h) >= 0)
            {
                secondPerson++;
            }

            Emit(FeatureHash.Mix(h), FeatureKind.Word, start, i - start, scratch, ref observer);
            if (Settings.WordBigrams && previousStart >= 0)
            {
                Emit(FeatureHash.Bigram(previous, h), FeatureKind.WordBigram, previousStart, i - previousStart, scratch, ref observer);
            }

            previous = h;
            previousStart = start;
        }

        return secondPerson;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Emit<TObserver>(uint mixed, FeatureKind kind, int start, int length, FeatureScratch scratch, ref TObserver observer)
        where TObserver : struct, IFeatureObserver
    {
        var index = (int)(mixed & (uint)_mask);
        if (!scratch.MarkSeen(index))
        {
            return;
        }

        var n = scratch.Count;
        scratch.Indices[n] = index;
        scratch.Values[n] = (mixed & 0x80000000u) != 0 ? -1f : 1f;
        scratch.Count = n + 1;
        observer.Observe(index, kind, start, length);
    }

    private static void Scale(Span<float> values, float scale)
    {
        if (values.IsEmpty)
        {
            return;
        }

        var factor = scale / MathF.Sqrt(values.Length);
        foreach (ref var v in values)
        {
            v *= factor;
        }
    }

    private void ComputeStructural(ReadOnlySpan<char> clean, ReadOnlySpan<char> original, CleanStats stats, int secondPerson, int words, Span<float> into)
    {
        into.Clear();
        if (stats.NonSpace == 0)
        {
            return;
        }

        StructuralFeatures.Ladder(into, StructuralFeatures.SymbolDensity, (float)stats.Symbols / stats.NonSpace, StructuralFeatures.SymbolDensityLevels);
        StructuralFeatures.Ladder(into, StructuralFeatures.OddTokens, StructuralFeatures.OddTokenRatio(original), StructuralFeatures.OddTokenLevels);
        if (Profile is not null)
        {
            var (window, mean) = Profile.Measure(clean);
            if (window > 0)
            {
                StructuralFeatures.Ladder(into, StructuralFeatures.GibberishWindow, window, ProfileLevels.AsSpan(0, 3));
                StructuralFeatures.Ladder(into, StructuralFeatures.UnusualLanguage, mean, ProfileLevels.AsSpan(3, 2));
            }
        }

        if (words > 0)
        {
            StructuralFeatures.Ladder(into, StructuralFeatures.SecondPerson, (float)secondPerson / words, StructuralFeatures.SecondPersonLevels);
        }

        var roles = 0;
        foreach (var marker in RoleMarkers)
        {
            roles += clean.Count(marker.AsSpan());
        }

        StructuralFeatures.Ladder(into, StructuralFeatures.RoleTokens, roles, StructuralFeatures.RoleTokenLevels);

        // Concepts count together only inside one stretch of text: an attack states its override,
        // persona and demands close together, while a long document mentions a policy on one
        // page and a debug mode three pages later.
        Span<int> positions = stackalloc int[MaxConceptHits];
        Span<byte> hitConcepts = stackalloc byte[MaxConceptHits];
        var hits = ConceptLexicon.FindHits(clean, positions, hitConcepts);
        Span<int> inWindow = stackalloc int[ConceptLexicon.Count];
        var pairs = StructuralFeatures.ConceptPairs;
        var distinct = 0;
        var bestDistinct = 0;
        var pairMask = 0;
        var first = 0;
        for (var i = 0; i < hits; i++)
        {
            if (inWindow[hitConcepts[i]]++ == 0)
            {
                distinct++;
            }

            while (positions[i] - positions[first] > ConceptWindowChars)
            {
                if (--inWindow[hitConcepts[first]] == 0)
                {
                    distinct--;
                }

                first++;
            }

            bestDistinct = Math.Max(bestDistinct, distinct);
            for (var p = 0; p < pairs.Count; p++)
            {
                if (inWindow[pairs[p].A] > 0 && inWindow[pairs[p].B] > 0)
                {
                    pairMask |= 1 << p;
                }
            }
        }

        StructuralFeatures.Ladder(into, StructuralFeatures.ConceptCount, bestDistinct, [2f, 3f, 4f]);
        for (var p = 0; p < pairs.Count; p++)
        {
            into[StructuralFeatures.ConceptPair + p] = (pairMask & (1 << p)) != 0 ? 1f : 0f;
        }
    }

    private static uint[] HashWords(params string[] words)
    {
        var hashes = new uint[words.Length];
        for (var i = 0; i < words.Length; i++)
        {
            hashes[i] = FeatureHash.Word(words[i]);
        }

        Array.Sort(hashes);
        return hashes;
    }

    private static ulong[] Filter(uint[] hashes)
    {
        var filter = new ulong[64];
        foreach (var h in hashes)
        {
            filter[(int)((h >> 20) & 63)] |= 1UL << (int)(h >> 26);
        }

        return filter;
    }

    private struct CleanStats
    {
        public int NonSpace;
        public int Symbols;
    }
}
