namespace LlmSecOps.Guard.Evaluation;

/// <summary>The label of a prompt in an evaluation or training file.</summary>
public enum PromptLabel
{
    /// <summary>An ordinary request.</summary>
    Benign,

    /// <summary>An attempt to override the application's instructions.</summary>
    Injection,

    /// <summary>An attempt to make the model drop its safety rules.</summary>
    Jailbreak,
}
