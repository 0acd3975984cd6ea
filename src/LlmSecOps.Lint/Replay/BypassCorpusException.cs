namespace LlmSecOps.Lint.Replay;

/// <summary>A bypass corpus file could not be read; the message names the file and line.</summary>
public sealed class BypassCorpusException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BypassCorpusException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    public BypassCorpusException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no detail.</summary>
    public BypassCorpusException()
        : base("invalid bypass corpus")
    {
    }
}
