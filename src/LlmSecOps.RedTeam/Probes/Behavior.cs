namespace LlmSecOps.RedTeam.Probes;

/// <summary>One behaviour a harmful-intent probe asks for (from the user's list).</summary>
/// <param name="Id">Stable id (given, or the line number).</param>
/// <param name="Text">The behaviour, phrased as a request.</param>
/// <param name="Category">Optional grouping.</param>
public sealed record Behavior(string Id, string Text, string? Category = null);
