using LlmSecOps.RedTeam.Mutators;
using LlmSecOps.RedTeam.Probes;

namespace LlmSecOps.RedTeam.Running;

/// <summary>One attempt of the plan, before it runs.</summary>
internal sealed record PlannedAttempt
{
    public required int Sequence { get; init; }

    public required string AttemptId { get; init; }

    public required Probe Probe { get; init; }

    public required ProbePrompt Prompt { get; init; }

    public required string PromptKey { get; init; }

    public required MutatorChain Chain { get; init; }

    public Behavior? Behavior { get; init; }

    /// <summary>Index of the generated suffix, or -1.</summary>
    public int SuffixIndex { get; init; } = -1;

    /// <summary>Seed for everything random in this attempt, derived from its id.</summary>
    public required int AttemptSeed { get; init; }
}
