namespace LlmSecOps.Lint.Schema;

/// <summary>One way a set of variables breaks a template's schema.</summary>
/// <param name="TemplateId">The template checked.</param>
/// <param name="Variable">The variable at fault, or null for template-level problems.</param>
/// <param name="Code">Stable code: <c>unknown_template</c>, <c>missing</c>, <c>undeclared</c>, <c>type</c>, <c>max_length</c>, <c>min_length</c>, <c>pattern</c>, <c>enum</c>.</param>
/// <param name="Message">What is wrong, for people.</param>
public sealed record SchemaViolation(string TemplateId, string? Variable, string Code, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Variable is null ? $"{TemplateId}: {Message}" : $"{TemplateId}.{Variable}: {Message}";
}
