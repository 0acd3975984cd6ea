namespace LlmSecOps.RedTeam.Running;

/// <summary>What one detector said about an attempt (the best over the replies it read).</summary>
/// <param name="Name">Detector name.</param>
/// <param name="Score">0–1.</param>
/// <param name="Evidence">Why.</param>
public sealed record DetectorOutcome(string Name, double Score, string? Evidence)
{
    /// <summary>Why it could not judge, when it failed.</summary>
    public string? Error { get; init; }

    /// <summary>Whether it took no part.</summary>
    public bool Skipped { get; init; }

    /// <summary>Whether it fired at the probe's threshold.</summary>
    public bool Fired { get; init; }

    /// <summary>Index of the reply that gave the score (0-based turn).</summary>
    public int? Turn { get; init; }
}
