namespace LlmSecOps.Core.Scanning;

/// <summary>What the policy does with findings of a category.</summary>
public enum PolicyAction
{
    /// <summary>The category is not scanned at all.</summary>
    Off = 0,

    /// <summary>Findings are reported as signals but never change the verdict (used for refusal detection).</summary>
    Log = 1,

    /// <summary>Findings make the verdict at least <see cref="Verdict.Flag"/>.</summary>
    Flag = 2,

    /// <summary>Findings with a span are replaced by placeholders; the verdict is at least <see cref="Verdict.Redact"/>.</summary>
    Redact = 3,

    /// <summary>Findings block the text.</summary>
    Block = 4,
}
