namespace LlmSecOps.RedTeam.Configuration;

/// <summary>One problem in a probe, target or corpus file, with its position (1-based; 0 when unknown).</summary>
public sealed record SourceError(string Source, int Line, int Column, string Message)
{
    /// <inheritdoc />
    public override string ToString() =>
        Line > 0 ? $"{Source}:{Line}:{Column}: {Message}" : $"{Source}: {Message}";
}
