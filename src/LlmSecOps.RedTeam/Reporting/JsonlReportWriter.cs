using System.Text.Json;
using LlmSecOps.Core.Serialization;
using LlmSecOps.RedTeam.Storage;

namespace LlmSecOps.RedTeam.Reporting;

/// <summary>One JSON object per attempt and line: every stored field, detectors included.</summary>
internal static class JsonlReportWriter
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    public static void Write(RunReport report, Stream stream)
    {
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JsonDefaults.Options.Encoder, SkipValidation = true });
        foreach (var a in report.Attempts)
        {
            var line = new Line(a.RunId, a.AttemptId, a.Sequence, a.ProbeId, a.Family, a.PromptKey, a.Mutator, a.Target, RedTeamStore.OutcomeName(a.Outcome), a.Score, a.StartedAt, a.LatencyMs, a.Prompt, a.Response, a.Evidence, a.Error, a.HttpStatus, a.Retries, a.Turns, a.Detectors);
            JsonSerializer.Serialize(writer, line, JsonDefaults.Options);
            writer.Flush();
            stream.Write(NewLine);
            writer.Reset();
        }
    }

    private sealed record Line(
        string RunId,
        string AttemptId,
        int Sequence,
        string Probe,
        string Family,
        string PromptKey,
        string Mutator,
        string Target,
        string Outcome,
        double Score,
        DateTimeOffset StartedAt,
        double LatencyMs,
        string Prompt,
        string Response,
        string? Evidence,
        string? Error,
        int? HttpStatus,
        int Retries,
        int Turns,
        IReadOnlyList<Running.DetectorOutcome> Detectors);
}
