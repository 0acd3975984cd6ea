namespace LlmSecOps.RedTeam.Configuration;

/// <summary>Thrown when a probe, target or corpus file cannot be read; carries every problem found.</summary>
public sealed class RedTeamFormatException : Exception
{
    /// <summary>Creates the exception from the collected errors.</summary>
    public RedTeamFormatException(IReadOnlyList<SourceError> errors)
        : base(errors.Count == 1 ? errors[0].ToString() : $"{errors.Count} problems:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}")
    {
        Errors = errors;
    }

    /// <summary>Creates the exception with one message about a source.</summary>
    public RedTeamFormatException(string source, string message)
        : this([new SourceError(source, 0, 0, message)])
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public RedTeamFormatException(string message)
        : this("input", message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public RedTeamFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new SourceError("input", 0, 0, message)];
    }

    /// <summary>Creates an exception with no detail.</summary>
    public RedTeamFormatException()
        : this("invalid input")
    {
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<SourceError> Errors { get; }
}
