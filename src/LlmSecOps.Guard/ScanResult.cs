using LlmSecOps.Core.Scanning;

namespace LlmSecOps.Guard;

/// <summary>What one scanner found: a value, never an exception.</summary>
public readonly struct ScanResult
{
    private readonly IReadOnlyList<Finding>? _findings;

    /// <summary>Creates a result holding the given findings.</summary>
    public ScanResult(IReadOnlyList<Finding> findings)
    {
        _findings = findings;
    }

    /// <summary>A result with no findings.</summary>
    public static ScanResult Empty => default;

    /// <summary>The findings (empty when none).</summary>
    public IReadOnlyList<Finding> Findings => _findings ?? [];

    /// <summary>A result with findings, or <see cref="Empty"/> when the list is null or empty.</summary>
    public static ScanResult From(List<Finding>? findings) =>
        findings is { Count: > 0 } ? new ScanResult(findings) : Empty;

    /// <summary>Completed task for a result.</summary>
    public ValueTask<ScanResult> AsTask() => new(this);
}
