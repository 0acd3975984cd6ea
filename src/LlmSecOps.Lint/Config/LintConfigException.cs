namespace LlmSecOps.Lint.Config;

/// <summary>A <c>.llmsecops.yaml</c> file could not be used; carries every problem found as <c>file:line:col: message</c>.</summary>
public sealed class LintConfigException : Exception
{
    /// <summary>Creates the exception from the collected problems.</summary>
    public LintConfigException(IReadOnlyList<string> errors)
        : base(string.Join(Environment.NewLine, errors))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception with one problem.</summary>
    public LintConfigException(string message)
        : this([message])
    {
    }

    /// <summary>Creates the exception with one problem and a cause.</summary>
    public LintConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    /// <summary>Creates the exception with no detail.</summary>
    public LintConfigException()
        : this("invalid configuration")
    {
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<string> Errors { get; }
}
