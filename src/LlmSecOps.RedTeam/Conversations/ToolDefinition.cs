namespace LlmSecOps.RedTeam.Conversations;

/// <summary>A tool offered to the model.</summary>
/// <param name="Name">Function name.</param>
/// <param name="Description">What the tool does, as the model is told.</param>
/// <param name="ParametersJson">JSON Schema of the arguments, as JSON text (an empty object schema when null).</param>
public sealed record ToolDefinition(string Name, string? Description, string? ParametersJson);
