namespace LlmSecOps.Server.Telemetry.Prometheus;

/// <summary>
/// Compares stored <see cref="TagKey"/>s with each other and with the span of a fresh
/// measurement, so the series table can be searched by span through a dictionary's
/// alternate lookup. Keys compare by content (ordinal), values by <see cref="object.Equals(object, object)"/>.
/// </summary>
internal sealed class TagKeyComparer : IEqualityComparer<TagKey>, IAlternateEqualityComparer<TagSpan, TagKey>
{
    public static TagKeyComparer Instance { get; } = new();

    public static int Hash(ReadOnlySpan<KeyValuePair<string, object?>> tags) => TagHash.Of(tags);

    public bool Equals(TagKey? x, TagKey? y)
    {
        if (ReferenceEquals(x, y))
        {
            return true;
        }

        return x is not null && y is not null && x.HashCode == y.HashCode && SameTags(x.Tags, y.Tags);
    }

    public int GetHashCode(TagKey obj) => obj.HashCode;

    public bool Equals(TagSpan alternate, TagKey other) => SameTags(alternate.Tags, other.Tags);

    public int GetHashCode(TagSpan alternate) => Hash(alternate.Tags);

    public TagKey Create(TagSpan alternate) => new(alternate.Tags, Hash(alternate.Tags));

    private static bool SameTags(ReadOnlySpan<KeyValuePair<string, object?>> a, ReadOnlySpan<KeyValuePair<string, object?>> b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Length; i++)
        {
            if (!string.Equals(a[i].Key, b[i].Key, StringComparison.Ordinal) || !Equals(a[i].Value, b[i].Value))
            {
                return false;
            }
        }

        return true;
    }
}
