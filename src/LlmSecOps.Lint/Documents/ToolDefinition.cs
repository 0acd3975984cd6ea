using LlmSecOps.Lint.Data;
using LlmSecOps.Lint.Text;

namespace LlmSecOps.Lint.Documents;

/// <summary>A tool (function) offered to a model, from JSON/YAML or code.</summary>
internal sealed class ToolDefinition
{
    public required string Name { get; init; }

    /// <summary>File offsets of the tool's name.</summary>
    public required int Start { get; init; }

    public required int End { get; init; }

    public string? Description { get; init; }

    /// <summary>Where the description's characters are in the file.</summary>
    public TextOrigin? DescriptionOrigin { get; init; }

    /// <summary>The JSON schema of the parameters, when given as data.</summary>
    public DataMap? Parameters { get; init; }

    /// <summary>Whether the definition has a parameters schema at all (absent for some built-in tools).</summary>
    public bool HasParameterSchema => Parameters is not null || CodeParameters is not null;

    /// <summary>Parameters declared in code, when the tool is a decorated function.</summary>
    public IReadOnlyList<ToolParameter>? CodeParameters { get; init; }
}
