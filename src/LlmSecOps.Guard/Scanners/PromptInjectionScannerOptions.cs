namespace LlmSecOps.Guard.Scanners;

/// <summary>Settings of the prompt-injection and jailbreak rule scanner.</summary>
internal sealed record PromptInjectionScannerOptions
{
    /// <summary>The settings the default pipeline uses.</summary>
    public static PromptInjectionScannerOptions Default { get; } = new();

    /// <summary>Whether payloads decoded from encodings (base64, hex, rot13, …) are scanned too.</summary>
    public bool ScanDecodedPayloads { get; init; } = true;

    /// <summary>Decoded payloads scanned at most per text.</summary>
    public int MaxPayloadsScanned { get; init; } = 32;

    /// <summary>
    /// Extra weight for evidence found inside an encoding: hiding an instruction is itself a
    /// signal. Combined as an independent signal (1 − (1 − w)(1 − bonus)).
    /// </summary>
    public double EncodedBonus { get; init; } = 0.25;

    /// <summary>
    /// Evidence combines into a joint score only within this many characters of the text; weak
    /// signals far apart in a long document do not add up.
    /// </summary>
    public int CombineWindowChars { get; init; } = 2000;

    /// <summary>Longest evidence excerpt put in a finding.</summary>
    public int MaxEvidenceChars { get; init; } = 160;

    /// <summary>Longest decoded payload put in a finding.</summary>
    public int MaxDecodedChars { get; init; } = 500;

    /// <summary>Throws when a setting is out of range, naming every problem.</summary>
    public PromptInjectionScannerOptions Validate()
    {
        var errors = new List<string>();
        if (MaxPayloadsScanned < 0)
        {
            errors.Add($"{nameof(MaxPayloadsScanned)} must be at least 0.");
        }

        if (EncodedBonus is < 0 or >= 1)
        {
            errors.Add($"{nameof(EncodedBonus)} must be in [0, 1).");
        }

        if (MaxEvidenceChars < 8)
        {
            errors.Add($"{nameof(MaxEvidenceChars)} must be at least 8.");
        }

        if (CombineWindowChars < 1)
        {
            errors.Add($"{nameof(CombineWindowChars)} must be at least 1.");
        }

        if (MaxDecodedChars < 8)
        {
            errors.Add($"{nameof(MaxDecodedChars)} must be at least 8.");
        }

        return errors.Count == 0 ? this : throw new ArgumentException(string.Join(" ", errors));
    }
}
