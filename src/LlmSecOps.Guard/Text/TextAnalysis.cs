using System.Text;

namespace LlmSecOps.Guard.Text;

/// <summary>
/// The views of one text that scanners share: the normalised form (with a map back to offsets
/// in the original) and payloads decoded from encodings found in it.
/// </summary>
public sealed class TextAnalysis
{
    private readonly int[] _map;

    private TextAnalysis(string original, string normalized, int[] map, IReadOnlyList<DecodedPayload> decoded)
    {
        Original = original;
        Normalized = normalized;
        _map = map;
        Decoded = decoded;
    }

    /// <summary>The text as received.</summary>
    public string Original { get; }

    /// <summary>The text after normalisation.</summary>
    public string Normalized { get; }

    /// <summary>Payloads decoded from the text, each to be rescanned.</summary>
    public IReadOnlyList<DecodedPayload> Decoded { get; }

    /// <summary>Analyses a text.</summary>
    public static TextAnalysis Create(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (normalized, map) = TextNormalizer.Normalize(text);
        var decoded = PayloadDecoder.DecodeAll(text);
        return new TextAnalysis(text, normalized, map, decoded);
    }

    /// <summary>For each character of <see cref="Normalized"/>, the offset in <see cref="Original"/> it came from.</summary>
    internal int[] Map => _map;

    /// <summary>Maps a span of <see cref="Normalized"/> back to the span of <see cref="Original"/> it came from.</summary>
    public Core.Scanning.TextSpan MapToOriginal(int start, int length) => MapSpan(Original, _map, start, length);

    /// <summary>
    /// Maps a span of a normalised text back to its original through the offset map. The end
    /// covers the whole original character of the last mapped one (both halves of a surrogate
    /// pair).
    /// </summary>
    internal static Core.Scanning.TextSpan MapSpan(string original, ReadOnlySpan<int> map, int start, int length)
    {
        if (original.Length == 0 || map.Length == 0)
        {
            return new Core.Scanning.TextSpan(0, 0);
        }

        start = Math.Clamp(start, 0, map.Length - 1);
        var endIndex = Math.Clamp(start + Math.Max(length, 1) - 1, start, map.Length - 1);
        var s = Math.Clamp(map[start], 0, original.Length);
        var last = Math.Clamp(map[endIndex], 0, original.Length - 1);
        var e = last + (char.IsHighSurrogate(original[last]) && last + 1 < original.Length && char.IsLowSurrogate(original[last + 1]) ? 2 : 1);
        e = Math.Clamp(e, s, original.Length);
        return Core.Scanning.TextSpan.FromBounds(s, e);
    }

    internal static string Describe(IReadOnlyList<string> encodings)
    {
        var sb = new StringBuilder();
        foreach (var e in encodings)
        {
            if (sb.Length > 0)
            {
                sb.Append(" > ");
            }

            sb.Append(e);
        }

        return sb.ToString();
    }
}

/// <summary>A payload found inside an encoding.</summary>
/// <param name="Text">The decoded text.</param>
/// <param name="Encodings">Encodings peeled to reach it, outermost first.</param>
/// <param name="Source">Span of the encoded form in the original text.</param>
public sealed record DecodedPayload(string Text, IReadOnlyList<string> Encodings, Core.Scanning.TextSpan Source);
