namespace LlmSecOps.Guard.Text;

/// <summary>Bounds on the work <see cref="PayloadDecoder"/> does for one text.</summary>
internal sealed record PayloadDecoderLimits
{
    /// <summary>The limits used by the guard.</summary>
    public static PayloadDecoderLimits Default { get; } = new();

    /// <summary>Encodings peeled at most, one inside the other.</summary>
    public int MaxDepth { get; init; } = 4;

    /// <summary>Payloads kept at most.</summary>
    public int MaxPayloads { get; init; } = 32;

    /// <summary>Decode attempts at most (successful or not).</summary>
    public int MaxAttempts { get; init; } = 256;

    /// <summary>Characters of decoded text produced at most, over all payloads.</summary>
    public int MaxDecodedChars { get; init; } = 256 * 1024;

    /// <summary>Shortest base64 run considered.</summary>
    public int MinBase64Length { get; init; } = 16;

    /// <summary>Shortest run of hex digits considered (continuous form).</summary>
    public int MinHexLength { get; init; } = 16;

    /// <summary>Words looked at at most when checking rot13 and reversed readings.</summary>
    public int MaxWordsForCiphers { get; init; } = 20_000;
}
