namespace LlmSecOps.Cli;

/// <summary>Bad usage or bad input: printed as one line on stderr, exit code 2.</summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public UsageException()
        : base("bad usage")
    {
    }
}
