namespace LlmSecOps.Guard.Scanners.Exfiltration;

/// <summary>Where a phrase carried by a link was found.</summary>
internal enum PhraseSource
{
    /// <summary>Nowhere.</summary>
    None,

    /// <summary>In the completion's own text.</summary>
    Completion,

    /// <summary>In the system prompt.</summary>
    SystemPrompt,
}
