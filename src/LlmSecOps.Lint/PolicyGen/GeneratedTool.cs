namespace LlmSecOps.Lint.PolicyGen;

/// <summary>A tool the application offers a model, with the argument constraints found for it.</summary>
/// <param name="Name">The tool (function) name.</param>
/// <param name="Arguments">Argument name → constraint.</param>
public sealed record GeneratedTool(string Name, IReadOnlyDictionary<string, GeneratedArgument> Arguments);
