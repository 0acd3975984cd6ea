namespace LlmSecOps.Lint.Schema;

/// <summary>The declared variables of one template.</summary>
public sealed record TemplateSchema
{
    /// <summary>The template id (a prompty or Semantic Kernel name, or a file name without extension).</summary>
    public required string Id { get; init; }

    /// <summary>Glob patterns of files this entry applies to (relative to the schema file); empty means match by id.</summary>
    public IReadOnlyList<string> Paths { get; init; } = [];

    /// <summary>Variables by name.</summary>
    public IReadOnlyDictionary<string, VariableSchema> Variables { get; init; } = new Dictionary<string, VariableSchema>(StringComparer.Ordinal);

    /// <summary>Whether values for variables the schema does not declare are accepted.</summary>
    public bool AllowUndeclared { get; init; }
}
