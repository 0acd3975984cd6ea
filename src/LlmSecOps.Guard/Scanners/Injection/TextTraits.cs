namespace LlmSecOps.Guard.Scanners.Injection;

/// <summary>What a text is about, as far as it changes how literally rule words are meant.</summary>
[Flags]
internal enum TextTraits
{
    None = 0,

    /// <summary>About software: "override the default", "print the system prompt variable".</summary>
    Technical = 1,

    /// <summary>About security itself (prompt injection, red teaming, guardrails): attack words are discussed, not used.</summary>
    Security = 2,
}
