namespace LlmSecOps.Guard.Scanners.Injection;

/// <summary>One piece of evidence found in one text (the prompt or a decoded payload), with its range in that text's normalised form.</summary>
/// <param name="Rule">Rule id.</param>
/// <param name="Category">Finding category.</param>
/// <param name="Weight">Score of the evidence alone.</param>
/// <param name="Start">Start in the normalised text.</param>
/// <param name="End">End in the normalised text.</param>
/// <param name="Message">Why it is suspicious.</param>
/// <param name="Companion">Whether it counts only next to other evidence.</param>
/// <param name="Style">Whether it is persona, tone or format wording (see <see cref="RuleFlags.Style"/>).</param>
internal readonly record struct Signal(string Rule, string Category, double Weight, int Start, int End, string Message, bool Companion = false, bool Style = false);
