namespace LlmSecOps.RedTeam.Conversations;

/// <summary>A tool the model asked to call.</summary>
/// <param name="Id">Call id, echoed by the tool message that answers it.</param>
/// <param name="Name">Tool (function) name.</param>
/// <param name="Arguments">Arguments as the model wrote them (JSON text, not necessarily valid).</param>
public sealed record ToolCall(string Id, string Name, string Arguments);
