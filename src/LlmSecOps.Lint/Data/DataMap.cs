namespace LlmSecOps.Lint.Data;

/// <summary>A mapping with keys in document order. Lookups are case-sensitive, like the formats.</summary>
internal sealed class DataMap : DataNode
{
    public DataMap(IReadOnlyList<KeyValuePair<DataScalar, DataNode>> entries, int start, int end)
        : base(start, end)
    {
        Entries = entries;
    }

    public IReadOnlyList<KeyValuePair<DataScalar, DataNode>> Entries { get; }

    /// <summary>The value of the first entry with the key, or null.</summary>
    public DataNode? Get(string key)
    {
        foreach (var (k, v) in Entries)
        {
            if (string.Equals(k.Value, key, StringComparison.Ordinal))
            {
                return v;
            }
        }

        return null;
    }

    /// <summary>The key node of the first entry with the key, or null.</summary>
    public DataScalar? GetKey(string key)
    {
        foreach (var (k, _) in Entries)
        {
            if (string.Equals(k.Value, key, StringComparison.Ordinal))
            {
                return k;
            }
        }

        return null;
    }

    /// <summary>The value of the first of several keys present.</summary>
    public DataNode? GetAny(params ReadOnlySpan<string> keys)
    {
        foreach (var key in keys)
        {
            if (Get(key) is { } v)
            {
                return v;
            }
        }

        return null;
    }

    /// <summary>The string value of a key, or null when absent or not a scalar.</summary>
    public string? GetString(string key) => Get(key) is DataScalar { Kind: not ScalarKind.Null } s ? s.Value : null;

    /// <summary>The scalar at a key, or null.</summary>
    public DataScalar? GetScalar(string key) => Get(key) as DataScalar;

    public DataMap? GetMap(string key) => Get(key) as DataMap;

    public DataSequence? GetSequence(string key) => Get(key) as DataSequence;

    public bool Has(string key) => GetKey(key) is not null;
}
