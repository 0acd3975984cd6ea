using System.Runtime.CompilerServices;

namespace LlmSecOps.Guard.Classifier;

/// <summary>
/// The hashing behind the feature space: FNV-1a steps over UTF-16 units, finished with the
/// murmur3 avalanche so that nearby n-grams land in unrelated buckets. The low bits pick the
/// bucket and the top bit the sign, so colliding n-grams tend to cancel rather than add up.
/// </summary>
internal static class FeatureHash
{
    public const uint CharSeed = 2166136261;
    public const uint WordSeed = 0x9747b28c;
    public const uint BigramSeed = 0x5bd1e995;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Step(uint hash, char c) => (hash ^ c) * 16777619u;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Mix(uint h)
    {
        h ^= h >> 16;
        h *= 0x85ebca6b;
        h ^= h >> 13;
        h *= 0xc2b2ae35;
        h ^= h >> 16;
        return h;
    }

    /// <summary>Hash of a whole word.</summary>
    public static uint Word(ReadOnlySpan<char> word)
    {
        var h = WordSeed;
        foreach (var c in word)
        {
            h = Step(h, c);
        }

        return h;
    }

    /// <summary>Hash of two consecutive words from their word hashes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Bigram(uint first, uint second) => Mix((first * 31u) ^ second ^ BigramSeed);
}
