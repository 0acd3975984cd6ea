using LlmSecOps.Lint.Config;
using LlmSecOps.Lint.Documents;
using LlmSecOps.Lint.Schema;

namespace LlmSecOps.Lint.Checks;

/// <summary>What a check needs besides the document: configuration and schemas, and where findings go.</summary>
internal sealed class CheckContext
{
    public required LintDocument Document { get; init; }

    public required LintConfig Config { get; init; }

    public PromptSchema Schema { get; init; } = PromptSchema.Empty;

    public List<RawFinding> Findings { get; } = [];

    public void Add(string ruleId, int start, int end, string message, string? key = null, IReadOnlyDictionary<string, string>? properties = null)
    {
        if (Config.IsEnabled(ruleId))
        {
            Findings.Add(new RawFinding(ruleId, start, Math.Max(start, end), message, key) { Properties = properties });
        }
    }
}
