namespace LlmSecOps.Lint.Data;

/// <summary>
/// A node of a parsed YAML, JSON or code literal document, with the file offsets it spans.
/// One tree shape for all three, so the configuration checks are written once.
/// </summary>
internal abstract class DataNode
{
    protected DataNode(int start, int end)
    {
        Start = start;
        End = Math.Max(start, end);
    }

    /// <summary>File offset of the node's first character.</summary>
    public int Start { get; }

    /// <summary>File offset one past the node's last character.</summary>
    public int End { get; }
}
