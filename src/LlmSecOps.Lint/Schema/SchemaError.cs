namespace LlmSecOps.Lint.Schema;

/// <summary>A problem in a prompt schema file, with its position (1-based line and column; 0 when unknown).</summary>
public sealed record SchemaError(string Source, int Line, int Column, string Message)
{
    /// <summary>Whether the file could not be parsed at all (as opposed to an entry that is wrong).</summary>
    public bool IsSyntax { get; init; }

    /// <summary>Character offset in the file, for lint findings.</summary>
    public int Offset { get; init; }

    /// <inheritdoc />
    public override string ToString() => Line > 0 ? $"{Source}:{Line}:{Column}: {Message}" : $"{Source}: {Message}";
}
