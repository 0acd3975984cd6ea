using System.Text.Json;
using LlmSecOps.Core.Serialization;
using LlmSecOps.RedTeam.Running;
using LlmSecOps.RedTeam.Storage;

namespace LlmSecOps.RedTeam.Reporting;

/// <summary>
/// The JSON report: run details, the top-level totals CI scripts read (<c>attempts</c>,
/// <c>successes</c>, <c>asr</c>, <c>errors</c>), rows per probe, family and mutator, and the
/// successful attacks with their evidence.
/// </summary>
internal static class JsonReportWriter
{
    public static void Write(RunReport report, Stream stream)
    {
        var doc = new Document
        {
            Run = RunInfo.From(report.Run),
            Attempts = report.Total.Attempts,
            Successes = report.Total.Successes,
            Failures = report.Total.Failures,
            Blocked = report.Total.Blocked,
            Errors = report.Total.Errors,
            Asr = report.Total.Asr,
            BlockRate = report.Total.BlockRate,
            FailOn = report.FailOn.IsSet ? report.FailOn.ToString() : null,
            ThresholdExceeded = report.FailedThresholds.Select(r => r.Key).ToList(),
            Probes = report.ByProbe.Select(r =>
            {
                var p = report.Probe(r.Key);
                return new ProbeRow(r.Key, r.Family, p.Title, p.Severity.ToString().ToLowerInvariant(), p.Owasp, p.Atlas, r.Attempts, r.Successes, r.Failures, r.Blocked, r.Errors, r.Asr, r.BlockRate, r.Threshold, r.ThresholdExceeded);
            }).ToList(),
            Families = report.ByFamily.Select(Group).ToList(),
            Mutators = report.ByMutator.Select(Group).ToList(),
            Findings = report.Successes.Select(a => new Finding(a.AttemptId, a.ProbeId, a.Family, a.Mutator, a.PromptKey, a.Score, a.Evidence, Clip(a.Prompt, 2000), Clip(a.Response, 2000))).ToList(),
        };
        JsonSerializer.Serialize(stream, doc, JsonDefaults.Indented);
    }

    private static GroupRow Group(MetricRow r) => new(r.Key, r.Attempts, r.Successes, r.Failures, r.Blocked, r.Errors, r.Asr, r.BlockRate);

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..max] + "…";

    private sealed record Document
    {
        public required RunInfo Run { get; init; }

        public int Attempts { get; init; }

        public int Successes { get; init; }

        public int Failures { get; init; }

        public int Blocked { get; init; }

        public int Errors { get; init; }

        public double Asr { get; init; }

        public double BlockRate { get; init; }

        public string? FailOn { get; init; }

        public required IReadOnlyList<string> ThresholdExceeded { get; init; }

        public required IReadOnlyList<ProbeRow> Probes { get; init; }

        public required IReadOnlyList<GroupRow> Families { get; init; }

        public required IReadOnlyList<GroupRow> Mutators { get; init; }

        public required IReadOnlyList<Finding> Findings { get; init; }
    }

    private sealed record RunInfo(string Id, string Kind, string Status, string Target, string? Model, int Seed, int Planned, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt)
    {
        public static RunInfo From(RunRecord r) => new(r.Id, r.Kind, r.Status, r.Target, r.Model, r.Seed, r.Planned, r.StartedAt, r.FinishedAt);
    }

    private sealed record ProbeRow(
        string Id,
        string? Family,
        string Title,
        string Severity,
        IReadOnlyList<string> Owasp,
        IReadOnlyList<string> Atlas,
        int Attempts,
        int Successes,
        int Failures,
        int Blocked,
        int Errors,
        double Asr,
        double BlockRate,
        double? Threshold,
        bool ThresholdExceeded);

    private sealed record GroupRow(string Key, int Attempts, int Successes, int Failures, int Blocked, int Errors, double Asr, double BlockRate);

    private sealed record Finding(string AttemptId, string Probe, string Family, string Mutator, string PromptKey, double Score, string? Evidence, string Prompt, string Response);
}
