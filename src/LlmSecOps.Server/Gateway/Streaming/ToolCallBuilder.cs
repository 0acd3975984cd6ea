using System.Text;

namespace LlmSecOps.Server.Gateway.Streaming;

/// <summary>A tool call assembled from streamed deltas.</summary>
internal sealed class ToolCallBuilder(int index)
{
    public int Index { get; } = index;

    public string? Id { get; set; }

    public string? Type { get; set; }

    public StringBuilder Name { get; } = new();

    public StringBuilder Arguments { get; } = new();
}
