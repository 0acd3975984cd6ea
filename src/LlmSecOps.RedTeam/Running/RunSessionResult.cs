namespace LlmSecOps.RedTeam.Running;

/// <summary>How a run session ended.</summary>
/// <param name="Counters">What this session did.</param>
/// <param name="Interrupted">Whether attempts remain (stopped before the plan was done).</param>
internal sealed record RunSessionResult(RunCounters Counters, bool Interrupted);
