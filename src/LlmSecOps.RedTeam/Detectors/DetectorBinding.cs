namespace LlmSecOps.RedTeam.Detectors;

/// <summary>A detector as a probe uses it: the configured instance and which replies it reads.</summary>
/// <param name="Detector">The configured detector.</param>
/// <param name="Scope">Which replies it reads.</param>
public sealed record DetectorBinding(Detector Detector, DetectorScope Scope = DetectorScope.Last)
{
    /// <summary>The detector's name.</summary>
    public string Name => Detector.Name;
}
