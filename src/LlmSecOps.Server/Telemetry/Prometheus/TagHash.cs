using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace LlmSecOps.Server.Telemetry.Prometheus;

/// <summary>
/// A fast hash of a measurement's tags for the series lookup. The built-in string hash
/// (Marvin) costs more than everything else on the recording path together, so strings are
/// hashed eight bytes at a time with a multiply-xorshift mix instead, and keys only by their
/// length and ends. The seed is random per
/// process, so tag values an attacker controls cannot be chosen offline to collide; the
/// per-instrument series cap bounds the damage if they do.
/// </summary>
internal static class TagHash
{
    private const ulong Multiplier = 0x9E3779B97F4A7C15;
    private static readonly ulong Seed = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));

    public static int Of(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var hash = Seed ^ (ulong)tags.Length;
        foreach (var tag in tags)
        {
            hash = Mix(hash ^ OfKey(tag.Key));
            hash = Mix(hash ^ tag.Value switch
            {
                null => 0UL,
                string s => OfString(s),
                var other => (ulong)(uint)other.GetHashCode(),
            });
        }

        return (int)(hash ^ (hash >> 32));
    }

    // Keys are a handful of literals per instrument; their length and ends tell them apart, and
    // equality still compares them in full, so hashing their content would buy nothing.
    private static ulong OfKey(string? key) =>
        key is not { Length: > 0 } ? 0UL : ((ulong)key.Length << 32) ^ ((ulong)key[0] << 16) ^ key[^1];

    private static ulong OfString(string? value)
    {
        if (value is null)
        {
            return 0;
        }

        var chars = value.AsSpan();
        var hash = Seed + ((ulong)chars.Length * Multiplier);
        var words = MemoryMarshal.Cast<char, ulong>(chars);
        foreach (var word in words)
        {
            hash = Mix(hash ^ word);
        }

        for (var i = words.Length * 4; i < chars.Length; i++)
        {
            hash = Mix(hash ^ chars[i]);
        }

        return hash;
    }

    private static ulong Mix(ulong value)
    {
        value *= Multiplier;
        return value ^ (value >> 29);
    }
}
