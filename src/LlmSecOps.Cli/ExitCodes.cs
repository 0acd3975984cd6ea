namespace LlmSecOps.Cli;

/// <summary>Exit codes shared by every command.</summary>
internal static class ExitCodes
{
    /// <summary>Success, nothing found.</summary>
    public const int Ok = 0;

    /// <summary>Something was found (a finding, a flag/redact/block verdict, a failed threshold).</summary>
    public const int Findings = 1;

    /// <summary>Bad usage or bad input (unknown option, unreadable file, broken policy).</summary>
    public const int Usage = 2;
}
