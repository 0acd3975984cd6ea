using System.Text;
using System.Text.Json.Nodes;

namespace LlmSecOps.Server.Gateway.Streaming;

/// <summary>One choice of a streamed completion: text held back, what was scanned and released, tool calls being assembled.</summary>
internal sealed class ChoiceState(int index)
{
    public int Index { get; } = index;

    /// <summary>The completion text so far (after any redaction).</summary>
    public StringBuilder Text { get; } = new();

    /// <summary>Characters of <see cref="Text"/> sent to the client.</summary>
    public int Released { get; set; }

    /// <summary>Characters of <see cref="Text"/> covered by the last scan.</summary>
    public int Scanned { get; set; }

    public string? Role { get; set; }

    public bool RoleSent { get; set; }

    public StringBuilder? Refusal { get; set; }

    public string? FinishReason { get; set; }

    public List<ToolCallBuilder>? ToolCalls { get; set; }

    public ToolCallBuilder? FunctionCall { get; set; }

    /// <summary>Log-probability entries for the client, with the text length they end at.</summary>
    public List<(int End, JsonArray Entries)>? PendingLogprobs { get; set; }

    public PromptLeakTracker? Leak { get; set; }

    public bool LeakReported { get; set; }

    /// <summary>Whether the leak tracker has been created (or found unnecessary).</summary>
    public bool LeakChecked { get; set; }

    /// <summary>Characters of <see cref="Text"/> fed to the leak tracker.</summary>
    public int LeakFed { get; set; }

    /// <summary>The tool call with a given index, created on first sight.</summary>
    public ToolCallBuilder ToolCall(int index)
    {
        ToolCalls ??= [];
        foreach (var t in ToolCalls)
        {
            if (t.Index == index)
            {
                return t;
            }
        }

        var created = new ToolCallBuilder(index);
        ToolCalls.Add(created);
        return created;
    }
}
