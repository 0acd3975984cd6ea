using System.Text;

namespace LlmSecOps.Lint.Code;

/// <summary>Builds a decoded string together with the file offset of each character.</summary>
internal sealed class StringBuilderWithMap
{
    private readonly StringBuilder _sb = new();
    private readonly List<int> _map = [];

    public int Length => _sb.Length;

    public void Append(char c, int offset)
    {
        _sb.Append(c);
        _map.Add(offset);
    }

    public void Append(string s, int offset)
    {
        foreach (var c in s)
        {
            _sb.Append(c);
            _map.Add(offset);
        }
    }

    /// <summary>Appends a verbatim slice of the source.</summary>
    public void AppendSource(string source, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            _sb.Append(source[i]);
            _map.Add(i);
        }
    }

    public override string ToString() => _sb.ToString();

    public int[] Map() => [.. _map];
}
