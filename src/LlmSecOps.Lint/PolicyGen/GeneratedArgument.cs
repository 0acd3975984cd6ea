namespace LlmSecOps.Lint.PolicyGen;

/// <summary>What the gateway should enforce for one tool argument.</summary>
/// <param name="Schema">JSON Schema text for the value, or null.</param>
/// <param name="AllowedHosts">For URL arguments: hosts allowed, or null.</param>
/// <param name="PathPrefixes">For path arguments: allowed path prefixes, or null.</param>
public sealed record GeneratedArgument(string? Schema, IReadOnlyList<string>? AllowedHosts, IReadOnlyList<string>? PathPrefixes);
