namespace LlmSecOps.Lint.Code;

/// <summary>One argument of a call (or entry of a literal): token range, value start and keyword name.</summary>
internal sealed record CodeArgument(int Start, int End, int ValueStart, string? Keyword);
