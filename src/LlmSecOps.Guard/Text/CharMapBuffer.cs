using System.Buffers;

namespace LlmSecOps.Guard.Text;

/// <summary>
/// A growable pair of pooled arrays: characters and, for each, the offset in the original text
/// it came from. Return it with <see cref="Dispose"/>.
/// </summary>
internal struct CharMapBuffer : IDisposable
{
    private char[] _chars;
    private int[] _map;

    public CharMapBuffer(int capacity)
    {
        capacity = Math.Max(capacity, 16);
        _chars = ArrayPool<char>.Shared.Rent(capacity);
        _map = ArrayPool<int>.Shared.Rent(capacity);
        Length = 0;
    }

    public int Length { readonly get; set; }

    public readonly Span<char> Chars => _chars.AsSpan(0, Length);

    public readonly Span<int> Map => _map.AsSpan(0, Length);

    public readonly char this[int index] => _chars[index];

    /// <summary>The whole backing array of characters (valid up to <see cref="Length"/>).</summary>
    public readonly char[] RawChars => _chars;

    /// <summary>The whole backing array of offsets (valid up to <see cref="Length"/>).</summary>
    public readonly int[] RawMap => _map;

    /// <summary>Grows the buffer so that it holds at least <paramref name="capacity"/> characters.</summary>
    public void EnsureCapacity(int capacity)
    {
        while (_chars.Length < capacity)
        {
            Grow();
        }
    }

    public readonly int MapAt(int index) => _map[index];

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Append(char c, int origin)
    {
        if (Length == _chars.Length)
        {
            Grow();
        }

        _chars[Length] = c;
        _map[Length] = origin;
        Length++;
    }

    public readonly void Set(int index, char c) => _chars[index] = c;

    public readonly void Set(int index, char c, int origin)
    {
        _chars[index] = c;
        _map[index] = origin;
    }

    public readonly string ToText() => new(_chars, 0, Length);

    public readonly int[] ToMap() => _map.AsSpan(0, Length).ToArray();

    public void Dispose()
    {
        if (_chars is not null)
        {
            ArrayPool<char>.Shared.Return(_chars);
            ArrayPool<int>.Shared.Return(_map);
            _chars = null!;
            _map = null!;
        }
    }

    private void Grow()
    {
        var size = _chars.Length * 2;
        var chars = ArrayPool<char>.Shared.Rent(size);
        var map = ArrayPool<int>.Shared.Rent(size);
        _chars.AsSpan(0, Length).CopyTo(chars);
        _map.AsSpan(0, Length).CopyTo(map);
        ArrayPool<char>.Shared.Return(_chars);
        ArrayPool<int>.Shared.Return(_map);
        _chars = chars;
        _map = map;
    }
}
