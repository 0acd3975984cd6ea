using System.Globalization;
using LlmSecOps.Core.Events;
using LlmSecOps.Core.Policy;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Guard;

namespace LlmSecOps.Cli.Commands;

/// <summary>Turns a <c>scan --record</c> verdict into an event.</summary>
internal static class ScanRecording
{
    /// <summary>
    /// The event for one scanned text: source <c>scan</c>, the local principal, the findings and
    /// verdict, and the text as the guard let it through (redacted when redaction applied, so a
    /// secret never reaches the store) kept per the policy's <c>bodies</c> setting. Completions
    /// (<c>--direction output</c>) go in <see cref="LlmEvent.Response"/>, everything else in
    /// <see cref="LlmEvent.Request"/>.
    /// </summary>
    public static LlmEvent ToEvent(ScanInput input, string? file, Direction direction, GuardResult result, GuardPolicy policy, DateTimeOffset started)
    {
        var body = EventBodies.Retain(result.Redacted ? result.Text : input.Text, policy.Bodies);
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["direction"] = GuardEngine.DirectionName(direction),
        };
        if (file is not null)
        {
            attributes["file"] = file;
        }

        if (input.Line is { } line)
        {
            attributes["line"] = line.ToString(CultureInfo.InvariantCulture);
        }

        var elapsedMs = result.ElapsedMicroseconds / 1000.0;
        return new LlmEvent
        {
            Timestamp = started,
            Source = "scan",
            Principal = Principal.Local,
            Verdict = result.Verdict,
            Findings = result.Findings,
            Request = direction == Direction.Output ? null : body,
            Response = direction == Direction.Output ? body : null,
            Retention = EventBodies.Name(policy.Bodies),
            Latency = new EventLatency { TotalMs = elapsedMs, GuardMs = elapsedMs },
            Attributes = attributes,
        };
    }
}
