namespace LlmSecOps.RedTeam.Storage;

/// <summary>Run states as stored.</summary>
internal static class RunStatus
{
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Interrupted = "interrupted";
    public const string Failed = "failed";
}
