using System.Text.Json;
using LlmSecOps.Core.Serialization;
using LlmSecOps.RedTeam.Configuration;
using LlmSecOps.RedTeam.Running;
using LlmSecOps.RedTeam.Storage;

namespace LlmSecOps.RedTeam.Reporting;

/// <summary>
/// Reads a JSONL report (one attempt per line, as <see cref="JsonlReportWriter"/> writes it)
/// back into a <see cref="RunReport"/>, so a run kept as a CI artifact can be compared with one
/// in the store.
/// </summary>
internal static class JsonlReportReader
{
    /// <summary>Largest report read (bytes).</summary>
    public const long MaxBytes = 1L << 30;

    /// <summary>Longest line read (characters).</summary>
    public const int MaxLineChars = 16 << 20;

    private const int MaxErrors = 20;

    /// <summary>The report in <paramref name="path"/>; every unreadable line is listed in the exception.</summary>
    public static RunReport Read(string path)
    {
        var info = new FileInfo(path);
        if (info.Length > MaxBytes)
        {
            throw new RedTeamFormatException(path, $"report is {info.Length} bytes; the limit is {MaxBytes}");
        }

        var attempts = new List<AttemptResult>();
        var errors = new List<SourceError>();
        using var reader = new StreamReader(path);
        var lineNo = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            if (line.Length == 0)
            {
                continue;
            }

            if (line.Length > MaxLineChars)
            {
                errors.Add(new SourceError(path, lineNo, 1, $"line longer than {MaxLineChars} characters"));
            }
            else
            {
                try
                {
                    var l = JsonSerializer.Deserialize<Line>(line, JsonDefaults.Options);
                    if (l is null || l.RunId is null || l.AttemptId is null || l.Probe is null || l.Family is null || l.Mutator is null || l.Target is null || l.Outcome is null)
                    {
                        errors.Add(new SourceError(path, lineNo, 1, "not an attempt: run_id, attempt_id, probe, family, mutator, target and outcome are required"));
                    }
                    else
                    {
                        attempts.Add(new AttemptResult
                        {
                            RunId = l.RunId,
                            AttemptId = l.AttemptId,
                            Sequence = l.Sequence,
                            ProbeId = l.Probe,
                            Family = l.Family,
                            PromptKey = l.PromptKey ?? string.Empty,
                            Mutator = l.Mutator,
                            Target = l.Target,
                            Outcome = RedTeamStore.ParseOutcome(l.Outcome),
                            Score = l.Score,
                            StartedAt = l.StartedAt,
                            LatencyMs = l.LatencyMs,
                            Prompt = l.Prompt ?? string.Empty,
                            Response = l.Response ?? string.Empty,
                            Evidence = l.Evidence,
                            Error = l.Error,
                            HttpStatus = l.HttpStatus,
                            Retries = l.Retries,
                            Turns = l.Turns,
                            Detectors = l.Detectors ?? [],
                        });
                    }
                }
                catch (JsonException ex)
                {
                    errors.Add(new SourceError(path, lineNo, (int)(ex.BytePositionInLine ?? 0) + 1, "invalid JSON: " + ex.Message));
                }
            }

            if (errors.Count >= MaxErrors)
            {
                break;
            }
        }

        if (errors.Count > 0)
        {
            throw new RedTeamFormatException(errors);
        }

        if (attempts.Count == 0)
        {
            throw new RedTeamFormatException(path, "the report holds no attempts");
        }

        var runIds = attempts.Select(a => a.RunId).Distinct(StringComparer.Ordinal).ToList();
        if (runIds.Count > 1)
        {
            throw new RedTeamFormatException(path, $"the report mixes {runIds.Count} runs ({string.Join(", ", runIds.Take(3))}…); compare one run at a time");
        }

        var run = new RunRecord
        {
            Id = runIds[0],
            Kind = "report",
            Status = RunStatus.Completed,
            StartedAt = attempts.Min(a => a.StartedAt),
            Target = attempts[0].Target,
            Planned = attempts.Count,
            Attempts = attempts.Count,
            Successes = attempts.Count(a => a.Outcome == AttemptOutcome.Success),
            Failures = attempts.Count(a => a.Outcome == AttemptOutcome.Fail),
            Blocked = attempts.Count(a => a.Outcome == AttemptOutcome.Blocked),
            Errors = attempts.Count(a => a.Outcome == AttemptOutcome.Error),
            Config = "{}",
        };
        return RunReport.Create(run, attempts.OrderBy(a => a.Sequence).ToList());
    }

    private sealed record Line(
        string? RunId,
        string? AttemptId,
        int Sequence,
        string? Probe,
        string? Family,
        string? PromptKey,
        string? Mutator,
        string? Target,
        string? Outcome,
        double Score,
        DateTimeOffset StartedAt,
        double LatencyMs,
        string? Prompt,
        string? Response,
        string? Evidence,
        string? Error,
        int? HttpStatus,
        int Retries,
        int Turns,
        List<DetectorOutcome>? Detectors);
}
