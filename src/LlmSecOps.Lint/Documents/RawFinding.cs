namespace LlmSecOps.Lint.Documents;

/// <summary>
/// A finding before configuration, suppressions and baselines are applied: a rule, file offsets,
/// a message, and a key that distinguishes it from other findings of the same rule on the same
/// line (the variable, tool or flag name) for fingerprints.
/// </summary>
internal sealed record RawFinding(string RuleId, int Start, int End, string Message, string? Key = null)
{
    /// <summary>Extra facts for JSON/SARIF output (variable, bypass, count).</summary>
    public IReadOnlyDictionary<string, string>? Properties { get; init; }
}
