namespace LlmSecOps.Lint.Text;

/// <summary>
/// The text of one file with an index of line starts, so any offset turns into a 1-based
/// line and column (columns count UTF-16 code units, as SARIF's default column kind does).
/// </summary>
internal sealed class SourceText
{
    private readonly int[] _lineStarts;

    public SourceText(string text)
    {
        Text = text;
        var starts = new List<int>(Math.Max(4, text.Length / 40)) { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                starts.Add(i + 1);
            }
            else if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                starts.Add(i + 1);
            }
        }

        _lineStarts = [.. starts];
    }

    public string Text { get; }

    public int Length => Text.Length;

    public int LineCount => _lineStarts.Length;

    /// <summary>1-based line and column of an offset (clamped into the text).</summary>
    public (int Line, int Column) GetLineColumn(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        var index = Array.BinarySearch(_lineStarts, offset);
        if (index < 0)
        {
            index = ~index - 1;
        }

        return (index + 1, offset - _lineStarts[index] + 1);
    }

    /// <summary>Offset of the first character of a 1-based line.</summary>
    public int LineStart(int line) => _lineStarts[Math.Clamp(line - 1, 0, _lineStarts.Length - 1)];

    /// <summary>The text of a 1-based line, without its line break.</summary>
    public string GetLine(int line)
    {
        var start = LineStart(line);
        var end = line < _lineStarts.Length ? _lineStarts[line] : Text.Length;
        while (end > start && (Text[end - 1] == '\n' || Text[end - 1] == '\r'))
        {
            end--;
        }

        return Text[start..end];
    }

    /// <summary>Offset of the end of the line holding <paramref name="offset"/> (before the break).</summary>
    public int LineEnd(int offset)
    {
        var (line, _) = GetLineColumn(offset);
        var end = line < _lineStarts.Length ? _lineStarts[line] : Text.Length;
        while (end > 0 && end > LineStart(line) && (Text[end - 1] == '\n' || Text[end - 1] == '\r'))
        {
            end--;
        }

        return end;
    }
}
