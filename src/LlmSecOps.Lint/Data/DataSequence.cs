namespace LlmSecOps.Lint.Data;

/// <summary>A list.</summary>
internal sealed class DataSequence : DataNode
{
    public DataSequence(IReadOnlyList<DataNode> items, int start, int end)
        : base(start, end)
    {
        Items = items;
    }

    public IReadOnlyList<DataNode> Items { get; }
}
