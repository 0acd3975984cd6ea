namespace LlmSecOps.Core.Policy;

/// <summary>Thrown when a policy cannot be loaded; carries every problem found, not only the first.</summary>
public sealed class PolicyException : Exception
{
    /// <summary>Creates the exception from the collected errors.</summary>
    public PolicyException(IReadOnlyList<PolicyError> errors)
        : base(BuildMessage(errors))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception with a single message.</summary>
    public PolicyException(string message)
        : this([new PolicyError("policy", 0, 0, message)])
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public PolicyException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new PolicyError("policy", 0, 0, message)];
    }

    /// <summary>Creates an exception with no detail.</summary>
    public PolicyException()
        : this("invalid policy")
    {
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<PolicyError> Errors { get; }

    private static string BuildMessage(IReadOnlyList<PolicyError> errors) =>
        errors.Count == 1
            ? errors[0].ToString()
            : $"{errors.Count} problems in policy:{Environment.NewLine}" + string.Join(Environment.NewLine, errors);
}
