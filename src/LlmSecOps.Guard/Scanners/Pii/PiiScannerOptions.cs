namespace LlmSecOps.Guard.Scanners.Pii;

/// <summary>Settings of the PII scanner.</summary>
internal sealed record PiiScannerOptions
{
    /// <summary>The defaults.</summary>
    public static PiiScannerOptions Default { get; } = new();

    /// <summary>
    /// Whether private, link-local and unique-local addresses are reported. They are still
    /// addresses of someone's network, so the default reports them, at a lower score (0.6).
    /// </summary>
    public bool ReportPrivateAddresses { get; init; } = true;

    /// <summary>Characters before a number searched for words such as "phone" or "SSN".</summary>
    public int ContextWindow { get; init; } = 40;

    /// <summary>Findings reported per text, at most.</summary>
    public int MaxFindings { get; init; } = 512;

    /// <summary>Every problem with the settings; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (ContextWindow is < 0 or > 1000)
        {
            errors.Add("pii: context_window must be between 0 and 1000");
        }

        if (MaxFindings < 1)
        {
            errors.Add("pii: max_findings must be at least 1");
        }

        return errors;
    }
}
