namespace LlmSecOps.Server.Tests.Telemetry;

/// <summary>
/// Just enough of the protobuf wire format to walk an OTLP export request in the tests:
/// fields with their number, wire type and either an integer or the bytes they carry.
/// </summary>
internal static class ProtoReader
{
    public static List<ProtoField> Fields(ReadOnlyMemory<byte> message)
    {
        var fields = new List<ProtoField>();
        var span = message.Span;
        var i = 0;
        while (i < span.Length)
        {
            var tag = ReadVarint(span, ref i);
            var number = (int)(tag >> 3);
            var wire = (int)(tag & 7);
            switch (wire)
            {
                case 0:
                    fields.Add(new ProtoField(number, wire, ReadVarint(span, ref i), ReadOnlyMemory<byte>.Empty));
                    break;
                case 1:
                    fields.Add(new ProtoField(number, wire, BitConverter.ToUInt64(span.Slice(i, 8)), message.Slice(i, 8)));
                    i += 8;
                    break;
                case 2:
                    var length = checked((int)ReadVarint(span, ref i));
                    fields.Add(new ProtoField(number, wire, (ulong)length, message.Slice(i, length)));
                    i += length;
                    break;
                case 5:
                    fields.Add(new ProtoField(number, wire, BitConverter.ToUInt32(span.Slice(i, 4)), message.Slice(i, 4)));
                    i += 4;
                    break;
                default:
                    throw new FormatException($"Unsupported wire type {wire} at byte {i}.");
            }
        }

        return fields;
    }

    /// <summary>The messages (or strings) held by every field numbered <paramref name="number"/>.</summary>
    public static IEnumerable<ReadOnlyMemory<byte>> All(ReadOnlyMemory<byte> message, int number) =>
        Fields(message).Where(f => f.Number == number && f.WireType == 2).Select(f => f.Bytes);

    public static string? String(ReadOnlyMemory<byte> message, int number) =>
        All(message, number).Select(b => System.Text.Encoding.UTF8.GetString(b.Span)).FirstOrDefault();

    /// <summary>OTLP <c>KeyValue</c> attributes (field <paramref name="number"/>) with string, bool, int or double values.</summary>
    public static Dictionary<string, object?> Attributes(ReadOnlyMemory<byte> message, int number)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var pair in All(message, number))
        {
            var key = String(pair, 1) ?? string.Empty;
            var any = All(pair, 2).FirstOrDefault();
            object? value = null;
            foreach (var field in Fields(any))
            {
                value = field.Number switch
                {
                    1 => System.Text.Encoding.UTF8.GetString(field.Bytes.Span),
                    2 => field.Value != 0,
                    3 => (long)field.Value,
                    4 => BitConverter.Int64BitsToDouble((long)field.Value),
                    _ => value,
                };
            }

            result[key] = value;
        }

        return result;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> span, ref int i)
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = span[i++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new FormatException("Varint too long.");
    }
}
