namespace LlmSecOps.Lint.Templates;

/// <summary>A use of a free variable of the template, at template offsets.</summary>
internal sealed record VariableReference(string Name, int Start, int End);
