namespace LlmSecOps.Lint.Data;

/// <summary>Why and where (file offset) a document could not be parsed.</summary>
internal sealed record ParseError(int Offset, string Message);
