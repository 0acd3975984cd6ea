namespace LlmSecOps.Guard.Scanners.Common;

/// <summary>Match timeouts shared by the built-in scanners' patterns.</summary>
internal static class RegexLimits
{
    /// <summary>
    /// Timeout for one match of a built-in pattern. The patterns are bounded and run in linear time
    /// on the inputs we test (1 MB and adversarial); the timeout is the backstop, generous enough
    /// that a loaded two-core machine does not trip it on a megabyte of ordinary text.
    /// </summary>
    public const int BuiltInMatchTimeoutMs = 500;

    /// <summary>Timeout for one match of a pattern written in a policy.</summary>
    public const int PolicyMatchTimeoutMs = 100;
}
