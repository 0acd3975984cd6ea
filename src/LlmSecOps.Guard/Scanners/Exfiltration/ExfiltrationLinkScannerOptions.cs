namespace LlmSecOps.Guard.Scanners.Exfiltration;

/// <summary>Settings of the exfiltration-link scanner.</summary>
internal sealed record ExfiltrationLinkScannerOptions
{
    /// <summary>The defaults.</summary>
    public static ExfiltrationLinkScannerOptions Default { get; } = new();

    /// <summary>A query or fragment value at least this long, with high entropy, is encoded data.</summary>
    public int EncodedValueLength { get; init; } = 20;

    /// <summary>A path segment at least this long, with high entropy, is encoded data.</summary>
    public int EncodedSegmentLength { get; init; } = 32;

    /// <summary>Words of prose in one value that make it carried text.</summary>
    public int ProseWords { get; init; } = 5;

    /// <summary>URLs judged per text, at most.</summary>
    public int MaxUrls { get; init; } = 128;

    /// <summary>Every problem with the settings; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (EncodedValueLength < 8)
        {
            errors.Add("exfiltration: encoded_value_length must be at least 8");
        }

        if (EncodedSegmentLength < 8)
        {
            errors.Add("exfiltration: encoded_segment_length must be at least 8");
        }

        if (ProseWords < 2)
        {
            errors.Add("exfiltration: prose_words must be at least 2");
        }

        if (MaxUrls < 1)
        {
            errors.Add("exfiltration: max_urls must be at least 1");
        }

        return errors;
    }
}
