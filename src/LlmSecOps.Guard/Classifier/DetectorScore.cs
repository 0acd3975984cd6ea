namespace LlmSecOps.Guard.Classifier;

/// <summary>The classifier's judgement of one text.</summary>
/// <param name="Probability">Calibrated probability that the text is an attack; 0.5 is the operating point.</param>
/// <param name="Margin">The attack head's raw margin.</param>
/// <param name="JailbreakShare">Probability that an attack is a jailbreak rather than an injection.</param>
internal readonly record struct DetectorScore(double Probability, double Margin, double JailbreakShare)
{
    /// <summary>Whether an attack is more likely a jailbreak than an injection.</summary>
    public bool IsJailbreak => JailbreakShare >= 0.5;
}
