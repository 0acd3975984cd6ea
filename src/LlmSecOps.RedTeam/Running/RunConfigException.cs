namespace LlmSecOps.RedTeam.Running;

/// <summary>A run cannot start: the settings are wrong. Carries every problem found.</summary>
public sealed class RunConfigException : Exception
{
    /// <summary>Creates the exception from the problems found.</summary>
    public RunConfigException(IReadOnlyList<string> errors)
        : base(string.Join(Environment.NewLine, errors))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception with one problem.</summary>
    public RunConfigException(string message)
        : this([message])
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public RunConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    /// <summary>Creates an exception with no detail.</summary>
    public RunConfigException()
        : this("invalid run settings")
    {
    }

    /// <summary>Every problem.</summary>
    public IReadOnlyList<string> Errors { get; }
}
