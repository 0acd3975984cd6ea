using LlmSecOps.RedTeam.Reporting;

namespace LlmSecOps.RedTeam.Running;

/// <summary>How one <c>probe run</c> or <c>probe replay</c> invocation ended.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Interrupted">Whether attempts remain (resume with <c>--resume</c>).</param>
/// <param name="Counters">What this invocation did.</param>
/// <param name="Probes">Probe metadata for reports.</param>
/// <param name="Planned">Attempts planned in total.</param>
internal sealed record SessionOutcome(string RunId, bool Interrupted, RunCounters Counters, IReadOnlyDictionary<string, ProbeInfo> Probes, int Planned);
