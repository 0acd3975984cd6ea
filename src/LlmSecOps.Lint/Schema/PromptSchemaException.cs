namespace LlmSecOps.Lint.Schema;

/// <summary>Thrown when a prompt schema file cannot be loaded; carries every problem found.</summary>
public sealed class PromptSchemaException : Exception
{
    /// <summary>Creates the exception from the collected errors.</summary>
    public PromptSchemaException(IReadOnlyList<SchemaError> errors)
        : base(errors.Count == 1 ? errors[0].ToString() : $"{errors.Count} problems in prompt schema:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}")
    {
        Errors = errors;
    }

    /// <summary>Creates the exception with one message.</summary>
    public PromptSchemaException(string message)
        : this([new SchemaError("schema", 0, 0, message)])
    {
    }

    /// <summary>Creates the exception with one message and a cause.</summary>
    public PromptSchemaException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new SchemaError("schema", 0, 0, message)];
    }

    /// <summary>Creates the exception with no detail.</summary>
    public PromptSchemaException()
        : this("invalid prompt schema")
    {
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<SchemaError> Errors { get; }
}
