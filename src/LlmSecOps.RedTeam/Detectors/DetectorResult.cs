namespace LlmSecOps.RedTeam.Detectors;

/// <summary>A detector's judgement of one reply.</summary>
/// <param name="Score">0 (attack failed) to 1 (attack clearly succeeded); 0.5 is the boundary.</param>
/// <param name="Evidence">What in the reply led to the score (masked when sensitive).</param>
public readonly record struct DetectorResult(double Score, string? Evidence)
{
    /// <summary>Why the detector could not judge (the judge was unreachable, a regex timed out).</summary>
    public string? Error { get; init; }

    /// <summary>Whether the detector could not judge.</summary>
    public bool Failed => Error is not null;

    /// <summary>Whether the detector took no part (e.g. the LLM judge when none is configured).</summary>
    public bool Skipped { get; init; }

    /// <summary>Nothing found.</summary>
    public static DetectorResult None { get; } = new(0, null);

    /// <summary>A hit with full confidence.</summary>
    public static DetectorResult Hit(string evidence, double score = 1.0) => new(Math.Clamp(score, 0, 1), evidence);

    /// <summary>The detector could not judge.</summary>
    public static DetectorResult Fail(string error) => new(0, null) { Error = error };

    /// <summary>The detector did not take part.</summary>
    public static DetectorResult Skip(string why) => new(0, why) { Skipped = true };
}
