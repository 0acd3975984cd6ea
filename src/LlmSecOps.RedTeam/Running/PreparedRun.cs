using LlmSecOps.RedTeam.Reporting;
using LlmSecOps.RedTeam.Targets;

namespace LlmSecOps.RedTeam.Running;

/// <summary>A run ready to start: the wrapped target, the plan and the runner's options.</summary>
internal sealed record PreparedRun(
    Target Target,
    IReadOnlyList<PlannedAttempt> Plan,
    RunOptions Options,
    IReadOnlyDictionary<string, ProbeInfo> Probes,
    string? Model);
