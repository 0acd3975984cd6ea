using LlmSecOps.Lint.Text;

namespace LlmSecOps.Lint.Data;

/// <summary>
/// Moves a tree parsed from a derived string (JSON inside a C# string literal) to file offsets,
/// through the string's <see cref="TextOrigin"/>.
/// </summary>
internal static class DataRemapper
{
    public static DataNode Remap(DataNode node, TextOrigin origin, int depth = 0)
    {
        switch (node)
        {
            case DataMap map when depth < 64:
            {
                var entries = new List<KeyValuePair<DataScalar, DataNode>>(map.Entries.Count);
                foreach (var (k, v) in map.Entries)
                {
                    entries.Add(new KeyValuePair<DataScalar, DataNode>((DataScalar)Remap(k, origin, depth + 1), Remap(v, origin, depth + 1)));
                }

                var (s, e) = origin.ToFile(map.Start, map.End);
                return new DataMap(entries, s, e);
            }

            case DataSequence seq when depth < 64:
            {
                var items = seq.Items.Select(i => Remap(i, origin, depth + 1)).ToList();
                var (s, e) = origin.ToFile(seq.Start, seq.End);
                return new DataSequence(items, s, e);
            }

            case DataScalar scalar:
            {
                var (s, e) = origin.ToFile(scalar.Start, scalar.End);
                var inner = scalar.Origin;
                var map = new int[scalar.Value.Length];
                for (var i = 0; i < map.Length; i++)
                {
                    map[i] = origin.ToFile(inner.ToFile(i));
                }

                return new DataScalar(scalar.Value, scalar.Kind, s, e, TextOrigin.Mapped(s, map));
            }

            default:
                return node;
        }
    }
}
