using LlmSecOps.RedTeam.Running;
using LlmSecOps.RedTeam.Storage;

namespace LlmSecOps.RedTeam.Reporting;

/// <summary>A run with its attempts and the metrics every report format draws from.</summary>
public sealed class RunReport
{
    private RunReport(RunRecord run, IReadOnlyList<AttemptResult> attempts, IReadOnlyDictionary<string, ProbeInfo> probes, FailOnPolicy failOn)
    {
        Run = run;
        Attempts = attempts;
        Probes = probes;
        FailOn = failOn;
        Total = Row("all", null, attempts);
        ByProbe = attempts.GroupBy(a => a.ProbeId, StringComparer.Ordinal)
            .Select(g => Row(g.Key, g.First().Family, g.ToList()) with { Threshold = failOn.For(g.Key, g.First().Family) })
            .OrderBy(r => r.Family, StringComparer.Ordinal).ThenBy(r => r.Key, StringComparer.Ordinal)
            .ToList();
        ByFamily = attempts.GroupBy(a => a.Family, StringComparer.Ordinal)
            .Select(g => Row(g.Key, null, g.ToList()))
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .ToList();
        ByMutator = attempts.GroupBy(a => a.Mutator, StringComparer.Ordinal)
            .Select(g => Row(g.Key, null, g.ToList()))
            .OrderBy(r => r.Key == "none" ? string.Empty : r.Key, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The run.</summary>
    public RunRecord Run { get; }

    /// <summary>Every attempt, in plan order.</summary>
    public IReadOnlyList<AttemptResult> Attempts { get; }

    /// <summary>Probe metadata by id.</summary>
    public IReadOnlyDictionary<string, ProbeInfo> Probes { get; }

    /// <summary>Thresholds in force.</summary>
    public FailOnPolicy FailOn { get; }

    /// <summary>Totals.</summary>
    public MetricRow Total { get; }

    /// <summary>Per probe, by family then id.</summary>
    public IReadOnlyList<MetricRow> ByProbe { get; }

    /// <summary>Per family.</summary>
    public IReadOnlyList<MetricRow> ByFamily { get; }

    /// <summary>Per mutator chain (none first).</summary>
    public IReadOnlyList<MetricRow> ByMutator { get; }

    /// <summary>Successful attacks, in plan order.</summary>
    public IEnumerable<AttemptResult> Successes => Attempts.Where(a => a.Outcome == AttemptOutcome.Success);

    /// <summary>Probe rows whose ASR is above their threshold.</summary>
    public IReadOnlyList<MetricRow> FailedThresholds => ByProbe.Where(r => r.ThresholdExceeded).ToList();

    /// <summary>Builds a report.</summary>
    public static RunReport Create(RunRecord run, IReadOnlyList<AttemptResult> attempts, IReadOnlyDictionary<string, ProbeInfo>? probes = null, FailOnPolicy? failOn = null)
    {
        var map = new Dictionary<string, ProbeInfo>(probes ?? new Dictionary<string, ProbeInfo>(), StringComparer.Ordinal);
        foreach (var a in attempts)
        {
            if (!map.ContainsKey(a.ProbeId))
            {
                map[a.ProbeId] = new ProbeInfo { Id = a.ProbeId, Family = a.Family, Title = a.ProbeId };
            }
        }

        return new RunReport(run, attempts, map, failOn ?? FailOnPolicy.None);
    }

    /// <summary>Metadata of a probe (a stub when unknown).</summary>
    public ProbeInfo Probe(string id) => Probes.TryGetValue(id, out var p) ? p : new ProbeInfo { Id = id, Family = "unknown", Title = id };

    private static MetricRow Row(string key, string? family, IReadOnlyCollection<AttemptResult> attempts)
    {
        int s = 0, f = 0, b = 0, e = 0;
        foreach (var a in attempts)
        {
            switch (a.Outcome)
            {
                case AttemptOutcome.Success:
                    s++;
                    break;
                case AttemptOutcome.Fail:
                    f++;
                    break;
                case AttemptOutcome.Blocked:
                    b++;
                    break;
                default:
                    e++;
                    break;
            }
        }

        return new MetricRow { Key = key, Family = family, Attempts = attempts.Count, Successes = s, Failures = f, Blocked = b, Errors = e };
    }
}
