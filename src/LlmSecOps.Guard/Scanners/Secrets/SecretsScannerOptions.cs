namespace LlmSecOps.Guard.Scanners.Secrets;

/// <summary>Settings of the secrets scanner.</summary>
internal sealed record SecretsScannerOptions
{
    /// <summary>The defaults.</summary>
    public static SecretsScannerOptions Default { get; } = new();

    /// <summary>Whether payloads decoded from base64, hex and other encodings are searched too.</summary>
    public bool ScanDecodedPayloads { get; init; } = true;

    /// <summary>Decoded payloads searched per text, at most.</summary>
    public int MaxDecodedPayloads { get; init; } = 32;

    /// <summary>Findings reported per text, at most; past it the scanner stops looking.</summary>
    public int MaxFindings { get; init; } = 256;

    /// <summary>Every problem with the settings; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxDecodedPayloads < 0)
        {
            errors.Add("secrets: max_decoded_payloads must be zero or more");
        }

        if (MaxFindings < 1)
        {
            errors.Add("secrets: max_findings must be at least 1");
        }

        return errors;
    }
}
