using System.Security.Cryptography;
using System.Text;
using LlmSecOps.Core.Events;
using LlmSecOps.Core.Scanning;
using LlmSecOps.RedTeam.Storage;

namespace LlmSecOps.RedTeam.Running;

/// <summary>
/// Turns a finished attempt into the <see cref="LlmEvent"/> every other stage reads (source
/// <c>probe</c>): the prompt and reply, the outcome as a verdict, each detector that fired as a
/// finding with its score and evidence, and run, probe, family, mutator and target as attributes.
/// </summary>
internal static class AttemptEvents
{
    /// <summary>The event source of red-team attempts.</summary>
    public const string Source = "probe";

    /// <summary>The event of one attempt.</summary>
    public static LlmEvent Create(AttemptResult a, string kind, string? model)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["kind"] = kind,
            ["run_id"] = a.RunId,
            ["attempt_id"] = a.AttemptId,
            ["probe"] = a.ProbeId,
            ["family"] = a.Family,
            ["prompt_key"] = a.PromptKey,
            ["mutator"] = a.Mutator,
            ["target"] = a.Target,
            ["outcome"] = RedTeamStore.OutcomeName(a.Outcome),
            ["success"] = a.Outcome == AttemptOutcome.Success ? "true" : "false",
            ["score"] = AttemptExecutor.Describe(a.Score),
        };
        if (a.Evidence is { } evidence)
        {
            attributes["evidence"] = evidence;
        }

        var findings = new List<Finding>();
        foreach (var d in a.Detectors)
        {
            if (d.Skipped)
            {
                continue;
            }

            // Every judged detector's score is kept; only the ones that fired become findings, so a
            // category filter in the event store finds attacks that worked, not every attempt.
            attributes["detector." + d.Name] = d.Error is null ? AttemptExecutor.Describe(d.Score) : "error";
            if (d.Fired && d.Error is null)
            {
                findings.Add(new Finding
                {
                    Category = CategoryFor(d.Name, a.Family),
                    Rule = a.ProbeId,
                    Score = Math.Clamp(d.Score, 0, 1),
                    Severity = Severity.High,
                    Message = $"detector {d.Name} fired on probe {a.ProbeId} ({a.Mutator})",
                    Evidence = d.Evidence,
                    MessageIndex = d.Turn,
                    Action = PolicyAction.Flag,
                });
            }
        }

        return new LlmEvent
        {
            Id = EventId(a.RunId, a.AttemptId),
            Timestamp = a.StartedAt,
            Source = Source,
            Route = kind,
            Model = model,
            Upstream = a.Target,
            Verdict = a.Outcome switch
            {
                AttemptOutcome.Blocked => Verdict.Block,
                AttemptOutcome.Success => Verdict.Flag,
                _ => Verdict.Allow,
            },
            Findings = findings,
            Request = a.Prompt,
            Response = a.Response,
            Status = a.HttpStatus,
            Error = a.Outcome is AttemptOutcome.Error or AttemptOutcome.Blocked ? a.Error : null,
            Latency = new EventLatency { TotalMs = a.LatencyMs, UpstreamMs = a.LatencyMs },
            Attributes = attributes,
        };
    }

    /// <summary>
    /// The event id of an attempt: derived from run and attempt id (a version-8 GUID over their
    /// SHA-256), so an attempt written again after a crash or on resume replaces nothing and
    /// duplicates nothing — the store ignores an id it already holds.
    /// </summary>
    public static Guid EventId(string runId, string attemptId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes("llmsecops-probe\n" + runId + "\n" + attemptId), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }

    /// <summary>The finding category of a detector that fired, falling back to the probe family.</summary>
    internal static string CategoryFor(string detector, string family) => detector switch
    {
        "canary" => FindingCategories.CanaryLeak,
        "system_prompt" => FindingCategories.SystemPromptLeak,
        "exfil_link" => FindingCategories.ExfiltrationLink,
        "tool_call" => FindingCategories.ToolViolation,
        "sensitive_data" => FindingCategories.Secret,
        _ => family switch
        {
            "injection" or "indirect_injection" => FindingCategories.PromptInjection,
            "prompt_extraction" => FindingCategories.SystemPromptLeak,
            "exfiltration" => FindingCategories.ExfiltrationLink,
            "tool_abuse" => FindingCategories.ToolViolation,
            "sensitive_data" => FindingCategories.Secret,
            _ => FindingCategories.Jailbreak,
        },
    };
}
