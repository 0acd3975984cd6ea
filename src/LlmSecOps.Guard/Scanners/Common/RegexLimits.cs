namespace LlmSecOps.Guard.Scanners.Common;

/// <summary>Match timeouts shared by the built-in scanners' patterns.</summary>
internal static class RegexLimits
{
    /// <summary>
    /// Timeout for one match of a built-in pattern. The patterns use only bounded quantifiers and
    /// run in linear time (tested on 1 MB and adversarial inputs); the timeout is a backstop. One
    /// match call may scan a whole megabyte, and a timeout fails closed, so it is generous enough
    /// that an overloaded machine does not block ordinary text.
    /// </summary>
    public const int BuiltInMatchTimeoutMs = 2000;

    /// <summary>Timeout for one match of a pattern written in a policy.</summary>
    public const int PolicyMatchTimeoutMs = 100;
}
