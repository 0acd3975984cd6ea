namespace LlmSecOps.Guard.Scanners.SystemPromptLeak;

/// <summary>Settings of the system-prompt leak scanner.</summary>
internal sealed record SystemPromptLeakScannerOptions
{
    /// <summary>The defaults.</summary>
    public static SystemPromptLeakScannerOptions Default { get; } = new();

    /// <summary>Words per shingle.</summary>
    public int ShingleSize { get; init; } = 5;

    /// <summary>A run of this many words copied verbatim (after normalisation) is a leak whatever the overall overlap.</summary>
    public int VerbatimWords { get; init; } = 30;

    /// <summary>System prompts with fewer words than this are not judged: their words are everywhere.</summary>
    public int MinPromptWords { get; init; } = 4;

    /// <summary>Every problem with the settings; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (ShingleSize is < 2 or > 16)
        {
            errors.Add("system_prompt_leak: shingle_size must be between 2 and 16");
        }

        if (VerbatimWords < ShingleSize)
        {
            errors.Add("system_prompt_leak: verbatim_words must be at least shingle_size");
        }

        if (MinPromptWords < 2)
        {
            errors.Add("system_prompt_leak: min_prompt_words must be at least 2");
        }

        return errors;
    }
}
