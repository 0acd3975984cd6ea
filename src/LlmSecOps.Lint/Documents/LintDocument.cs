using LlmSecOps.Lint.Code;
using LlmSecOps.Lint.Data;
using LlmSecOps.Lint.Text;

namespace LlmSecOps.Lint.Documents;

/// <summary>Everything read from one file that the checks and the policy generator look at.</summary>
internal sealed class LintDocument
{
    public required string FullPath { get; init; }

    /// <summary>Path relative to the project root, with forward slashes.</summary>
    public required string RelativePath { get; init; }

    public required SourceText Source { get; init; }

    public required DocumentKind Kind { get; init; }

    public List<PromptUnit> Units { get; } = [];

    public List<ToolDefinition> Tools { get; } = [];

    public List<ModelReference> Models { get; } = [];

    public List<EndpointReference> Endpoints { get; } = [];

    public List<ModelParameters> Parameters { get; } = [];

    /// <summary>Findings only the reader can see (parse errors, code sinks, safety flags).</summary>
    public List<RawFinding> Findings { get; } = [];

    /// <summary>Parsed data trees (YAML/JSON documents, prompty front matter).</summary>
    public List<DataNode> DataRoots { get; } = [];

    public CodeFile? Code { get; set; }

    /// <summary>Whether the file has anything to do with LLMs (templates, configs, LLM API use); secrets are only reported in such files.</summary>
    public bool IsLlmRelevant { get; set; }

    /// <summary>File name without directories and extensions, for template ids.</summary>
    public string Stem
    {
        get
        {
            var name = Path.GetFileName(FullPath);
            var dot = name.IndexOf('.', StringComparison.Ordinal);
            return dot > 0 ? name[..dot] : name;
        }
    }
}
