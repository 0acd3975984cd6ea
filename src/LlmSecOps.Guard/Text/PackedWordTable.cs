namespace LlmSecOps.Guard.Text;

/// <summary>
/// A read-only hash table keyed by short lower-case ASCII words packed into a <see cref="ulong"/>
/// (six bits a character, up to ten characters). Looking a word up costs one multiply and a probe
/// or two, with no string hashing, which matters on hot paths that look up every word of a prompt.
/// </summary>
/// <typeparam name="T">Value type.</typeparam>
internal sealed class PackedWordTable<T>
{
    /// <summary>Longest word that packs.</summary>
    public const int MaxLength = 10;

    private readonly ulong[] _keys;
    private readonly T[] _values;
    private readonly int _mask;
    private readonly int _shift;

    public PackedWordTable(IEnumerable<KeyValuePair<string, T>> entries)
    {
        var list = new List<(ulong, T)>();
        foreach (var (word, value) in entries)
        {
            var key = Pack(word);
            if (key != 0)
            {
                list.Add((key, value));
            }
        }

        var bits = 4;
        while ((1 << bits) < list.Count * 2)
        {
            bits++;
        }

        _keys = new ulong[1 << bits];
        _values = new T[1 << bits];
        _mask = (1 << bits) - 1;
        _shift = 64 - bits;
        foreach (var (key, value) in list)
        {
            var i = Slot(key);
            while (_keys[i] != 0 && _keys[i] != key)
            {
                i = (i + 1) & _mask;
            }

            _keys[i] = key;
            _values[i] = value;
        }
    }

    private static readonly byte[] Codes = BuildCodes();

    /// <summary>The six-bit code of a character, or 0 when it cannot be packed.</summary>
    public static uint Code(char c) => c < 128 ? Codes[c] : 0u;

    private static byte[] BuildCodes()
    {
        var codes = new byte[128];
        for (var c = 'a'; c <= 'z'; c++)
        {
            codes[c] = (byte)(c - 'a' + 1);
        }

        for (var c = '0'; c <= '9'; c++)
        {
            codes[c] = (byte)(c - '0' + 27);
        }

        codes['\''] = 37;
        codes[':'] = 38;
        return codes;
    }

    /// <summary>Packs a word; 0 when it is empty, too long or has a character that does not pack.</summary>
    public static ulong Pack(ReadOnlySpan<char> word)
    {
        if (word.IsEmpty || word.Length > MaxLength)
        {
            return 0;
        }

        ulong key = 0;
        foreach (var c in word)
        {
            var code = Code(c);
            if (code == 0)
            {
                return 0;
            }

            key = (key << 6) | code;
        }

        return key;
    }

    /// <summary>Looks a packed key up.</summary>
    public bool TryGetValue(ulong key, out T value)
    {
        if (key != 0)
        {
            var i = Slot(key);
            ulong k;
            while ((k = _keys[i]) != 0)
            {
                if (k == key)
                {
                    value = _values[i];
                    return true;
                }

                i = (i + 1) & _mask;
            }
        }

        value = default!;
        return false;
    }

    private int Slot(ulong key) => (int)((key * 0x9E3779B97F4A7C15UL) >> _shift);
}
