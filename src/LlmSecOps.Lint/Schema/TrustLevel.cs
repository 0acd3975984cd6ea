namespace LlmSecOps.Lint.Schema;

/// <summary>Where a template variable's value comes from, which decides how carefully it must be inserted.</summary>
public enum TrustLevel
{
    /// <summary>Controlled by the end user (the default: assume the worst).</summary>
    Untrusted = 0,

    /// <summary>Set by the application itself (configuration, constants, server-side facts).</summary>
    Trusted = 1,

    /// <summary>Written by third parties and retrieved at run time (documents, search results, tool output).</summary>
    Retrieved = 2,
}
