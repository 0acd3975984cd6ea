namespace LlmSecOps.Lint.Documents;

/// <summary>A variable a document declares (input_variables, prompty inputs), at file offsets.</summary>
internal sealed record DeclaredVariable(string Name, int Start, int End);
