namespace LlmSecOps.Server.Tests.Telemetry;

/// <summary>How an external tool ended.</summary>
internal sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}";
}
