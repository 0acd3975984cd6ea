namespace LlmSecOps.Guard.Evaluation;

/// <summary>One row of a labelled prompt file.</summary>
/// <param name="Text">The prompt.</param>
/// <param name="Label">What the prompt is.</param>
/// <param name="Source">The row's <c>source</c> field, or the file name when the row has none.</param>
/// <param name="File">Name of the file the row was read from (used to group results).</param>
/// <param name="Line">1-based line number in that file.</param>
public sealed record LabeledPrompt(string Text, PromptLabel Label, string Source, string File, int Line)
{
    /// <summary>Whether the row is an attack (injection or jailbreak).</summary>
    public bool IsAttack => Label != PromptLabel.Benign;
}
