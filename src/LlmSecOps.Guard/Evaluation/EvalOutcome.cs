namespace LlmSecOps.Guard.Evaluation;

/// <summary>What the guard did with one labelled prompt.</summary>
/// <param name="Detected">Whether the guard acted on a prompt-injection or jailbreak finding.</param>
/// <param name="AttackScore">Highest raw prompt_injection or jailbreak score, under the threshold or not.</param>
/// <param name="Microseconds">Guard time for the prompt, single-threaded; NaN when it was not timed.</param>
/// <param name="Rules">Rule ids of the attack findings acted on.</param>
public readonly record struct EvalOutcome(bool Detected, double AttackScore, double Microseconds, IReadOnlyList<string> Rules);
