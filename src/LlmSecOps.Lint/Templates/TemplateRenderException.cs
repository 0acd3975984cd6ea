namespace LlmSecOps.Lint.Templates;

/// <summary>A template could not be rendered; <see cref="Offset"/> is the template offset of the cause.</summary>
public sealed class TemplateRenderException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TemplateRenderException(string message, int offset)
        : base(message)
    {
        Offset = offset;
    }

    /// <summary>Creates the exception with no position.</summary>
    public TemplateRenderException()
        : this("template could not be rendered", 0)
    {
    }

    /// <summary>Creates the exception with no position.</summary>
    public TemplateRenderException(string message)
        : this(message, 0)
    {
    }

    /// <summary>Creates the exception with an inner exception.</summary>
    public TemplateRenderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Offset in the template text where rendering failed.</summary>
    public int Offset { get; }
}
