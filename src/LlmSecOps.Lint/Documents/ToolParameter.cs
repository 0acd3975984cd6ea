namespace LlmSecOps.Lint.Documents;

/// <summary>A tool parameter declared in code (decorated Python function, C# kernel function, zod schema).</summary>
internal sealed record ToolParameter(string Name, string Type, bool Constrained, int Start, int End);
