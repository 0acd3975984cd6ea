namespace LlmSecOps.RedTeam.Reporting;

/// <summary>
/// Two runs side by side: attack success rate per probe, family and mutator in each, and whether
/// B regressed (its ASR rose by more than the tolerance), improved, or stayed level.
/// </summary>
public sealed class RunComparison
{
    private RunComparison(RunReport a, RunReport b, double tolerance)
    {
        A = a;
        B = b;
        Tolerance = tolerance;
        Total = Compare("all", a.Total, b.Total);
        ByProbe = Join(a.ByProbe, b.ByProbe);
        ByFamily = Join(a.ByFamily, b.ByFamily);
        ByMutator = Join(a.ByMutator, b.ByMutator);
    }

    /// <summary>The baseline run.</summary>
    public RunReport A { get; }

    /// <summary>The run compared with it.</summary>
    public RunReport B { get; }

    /// <summary>ASR increase that still counts as level.</summary>
    public double Tolerance { get; }

    /// <summary>Totals.</summary>
    public ComparisonRow Total { get; }

    /// <summary>Per probe.</summary>
    public IReadOnlyList<ComparisonRow> ByProbe { get; }

    /// <summary>Per family.</summary>
    public IReadOnlyList<ComparisonRow> ByFamily { get; }

    /// <summary>Per mutator.</summary>
    public IReadOnlyList<ComparisonRow> ByMutator { get; }

    /// <summary>Whether anything got worse.</summary>
    public bool HasRegression => Total.Status == ComparisonStatus.Regressed || ByProbe.Concat(ByFamily).Concat(ByMutator).Any(r => r.Status == ComparisonStatus.Regressed);

    /// <summary>Compares two runs.</summary>
    public static RunComparison Create(RunReport a, RunReport b, double tolerance = 0) => new(a, b, tolerance);

    private List<ComparisonRow> Join(IReadOnlyList<MetricRow> a, IReadOnlyList<MetricRow> b)
    {
        var keys = a.Select(r => r.Key).Concat(b.Select(r => r.Key)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var mapA = a.ToDictionary(r => r.Key, StringComparer.Ordinal);
        var mapB = b.ToDictionary(r => r.Key, StringComparer.Ordinal);
        return keys.Select(k => Compare(k, mapA.GetValueOrDefault(k), mapB.GetValueOrDefault(k))).ToList();
    }

    private ComparisonRow Compare(string key, MetricRow? a, MetricRow? b)
    {
        var status = (a, b) switch
        {
            (null, _) => ComparisonStatus.New,
            (_, null) => ComparisonStatus.Missing,
            _ when a.Judged == 0 || b.Judged == 0 => ComparisonStatus.Unjudged,
            _ when b.Asr - a.Asr > Tolerance + 1e-9 => ComparisonStatus.Regressed,
            _ when a.Asr - b.Asr > Tolerance + 1e-9 => ComparisonStatus.Improved,
            _ => ComparisonStatus.Same,
        };
        return new ComparisonRow(key, a?.Family ?? b?.Family, a, b, status);
    }
}
