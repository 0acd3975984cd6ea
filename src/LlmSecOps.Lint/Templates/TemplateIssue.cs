using LlmSecOps.Lint.Diagnostics;

namespace LlmSecOps.Lint.Templates;

/// <summary>A problem found while reading a template, at template offsets, with the rule it belongs to.</summary>
internal sealed record TemplateIssue(int Start, int End, string RuleId, string Message)
{
    public static TemplateIssue Parse(int start, int end, string message) => new(start, end, RuleIds.ParseError, message);
}
