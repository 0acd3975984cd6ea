namespace LlmSecOps.RedTeam.Reporting;

/// <summary>One key in both runs.</summary>
public sealed record ComparisonRow(string Key, string? Family, MetricRow? A, MetricRow? B, ComparisonStatus Status)
{
    /// <summary>ASR of B minus ASR of A (null when either is missing).</summary>
    public double? Delta => A is null || B is null ? null : Math.Round(B.Asr - A.Asr, 4);
}
