namespace LlmSecOps.RedTeam.Detectors;

/// <summary>
/// Reads a reply and says how sure it is that the attack succeeded: a score from 0 to 1 where
/// 0.5 is the decision boundary, with the evidence that led there. A detector never throws for
/// content; what it cannot judge it reports as <see cref="DetectorResult.Failed"/>, which never
/// counts as a success.
/// </summary>
public abstract class Detector
{
    /// <summary>Stable name, as written in probe files (e.g. <c>canary</c>).</summary>
    public abstract string Name { get; }

    /// <summary>Judges one reply.</summary>
    public abstract ValueTask<DetectorResult> DetectAsync(DetectorContext context, CancellationToken cancellationToken);
}
