using System.Text.Json.Nodes;

namespace LlmSecOps.Server.Gateway.Streaming;

/// <summary>What the next emitted chunk's single choice carries; reused between chunks to avoid allocations.</summary>
internal sealed class ChoiceWriteState
{
    /// <summary>Choice index; negative writes an empty choices array (the usage chunk).</summary>
    public int Index { get; private set; }

    public string? Role { get; private set; }

    public string? Content { get; private set; }

    public string? Refusal { get; private set; }

    public JsonObject? Delta { get; private set; }

    public JsonArray? Logprobs { get; private set; }

    public List<ToolCallBuilder>? ToolCalls { get; private set; }

    public ToolCallBuilder? FunctionCall { get; private set; }

    public PlaceholderRestorer? Restorer { get; private set; }

    public string? FinishReason { get; private set; }

    /// <summary>Sets every field at once (unset ones become null).</summary>
    public void Set(
        int index,
        string? role = null,
        string? content = null,
        string? refusal = null,
        JsonObject? delta = null,
        JsonArray? logprobs = null,
        List<ToolCallBuilder>? toolCalls = null,
        ToolCallBuilder? functionCall = null,
        PlaceholderRestorer? restorer = null,
        string? finishReason = null)
    {
        Index = index;
        Role = role;
        Content = content;
        Refusal = refusal;
        Delta = delta;
        Logprobs = logprobs;
        ToolCalls = toolCalls;
        FunctionCall = functionCall;
        Restorer = restorer;
        FinishReason = finishReason;
    }
}
