namespace LlmSecOps.Lint.Documents;

/// <summary>A model named in a configuration or in code, at file offsets.</summary>
internal sealed record ModelReference(string Name, int Start, int End);
