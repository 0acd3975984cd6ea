namespace LlmSecOps.Server.Gateway.Configuration;

/// <summary>How streamed completions are held back and rescanned.</summary>
internal sealed record StreamingOptions
{
    /// <summary>Characters held back from the client until the text after them has been scanned.</summary>
    public int WindowChars { get; init; } = 128;

    /// <summary>New characters that trigger a rescan of the tail (smaller means earlier release, more scanning).</summary>
    public int ScanStepChars { get; init; } = 32;
}
