namespace LlmSecOps.RedTeam.Detectors;

/// <summary>Which replies of a multi-turn attack a detector reads.</summary>
public enum DetectorScope
{
    /// <summary>Only the final reply (the default: escalations aim at the last turn).</summary>
    Last = 0,

    /// <summary>Every reply; the highest score counts.</summary>
    Any = 1,
}
