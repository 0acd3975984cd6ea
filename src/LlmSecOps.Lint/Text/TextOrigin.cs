namespace LlmSecOps.Lint.Text;

/// <summary>
/// Maps positions in a derived string (a decoded YAML scalar, a JSON string, a string literal in
/// code) back to offsets in the file it came from, so every finding points at the file.
/// </summary>
internal sealed class TextOrigin
{
    private readonly int _start;
    private readonly int[]? _map;
    private readonly Func<int[]>? _lazy;
    private int[]? _computed;

    private TextOrigin(int start, int[]? map, Func<int[]>? lazy)
    {
        _start = start;
        _map = map;
        _lazy = lazy;
    }

    /// <summary>The derived string is a verbatim slice of the file starting at <paramref name="start"/>.</summary>
    public static TextOrigin Contiguous(int start) => new(start, null, null);

    /// <summary>Character <c>i</c> of the derived string came from file offset <c>map[i]</c>.</summary>
    public static TextOrigin Mapped(int start, int[] map) => new(start, map, null);

    /// <summary>Like <see cref="Mapped"/>, with the map computed on first use.</summary>
    public static TextOrigin Lazy(int start, Func<int[]> map) => new(start, null, map);

    /// <summary>File offset of the first character.</summary>
    public int Start => _start;

    /// <summary>File offset of character <paramref name="index"/> of the derived string.</summary>
    public int ToFile(int index)
    {
        var map = _map ?? (_lazy is null ? null : _computed ??= _lazy());
        if (map is null)
        {
            return _start + Math.Max(0, index);
        }

        if (map.Length == 0)
        {
            return _start;
        }

        if (index < 0)
        {
            return map[0];
        }

        return index < map.Length ? map[index] : map[^1] + 1;
    }

    /// <summary>File offset range for a range of the derived string (end exclusive).</summary>
    public (int Start, int End) ToFile(int start, int end)
    {
        var s = ToFile(start);
        var e = end > start ? ToFile(end - 1) + 1 : s;
        return (s, Math.Max(s, e));
    }

    /// <summary>An origin for a substring starting at <paramref name="offset"/> of this one.</summary>
    public TextOrigin Slice(int offset)
    {
        if (offset == 0)
        {
            return this;
        }

        var parent = this;
        return _map is null && _lazy is null
            ? Contiguous(_start + offset)
            : new TextOrigin(ToFile(offset), null, null).WithParent(parent, offset);
    }

    private TextOrigin WithParent(TextOrigin parent, int offset) =>
        new(_start, null, () =>
        {
            var map = parent._map ?? (parent._lazy is null ? null : parent._computed ??= parent._lazy());
            if (map is null || offset >= map.Length)
            {
                return [];
            }

            return map[offset..];
        });
}
