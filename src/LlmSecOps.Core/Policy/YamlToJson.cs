using System.Globalization;
using System.Text;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LlmSecOps.Core.Policy;

/// <summary>Turns a YAML node into JSON text, so JSON Schemas can be written inline in YAML.</summary>
public static class YamlToJson
{
    /// <summary>Converts a node; plain scalars that read as numbers, booleans or null keep that type.</summary>
    public static string Convert(YamlNode node)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, node, 0);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, YamlNode node, int depth)
    {
        if (depth > PolicyLoader.MaxDepth)
        {
            throw new InvalidOperationException("YAML nested too deeply");
        }

        switch (node)
        {
            case YamlMappingNode map:
                writer.WriteStartObject();
                foreach (var (k, v) in map.Children)
                {
                    writer.WritePropertyName(((YamlScalarNode)k).Value ?? string.Empty);
                    Write(writer, v, depth + 1);
                }

                writer.WriteEndObject();
                break;
            case YamlSequenceNode seq:
                writer.WriteStartArray();
                foreach (var item in seq)
                {
                    Write(writer, item, depth + 1);
                }

                writer.WriteEndArray();
                break;
            case YamlScalarNode scalar:
                WriteScalar(writer, scalar);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    private static void WriteScalar(Utf8JsonWriter writer, YamlScalarNode scalar)
    {
        var value = scalar.Value;
        if (scalar.Style is ScalarStyle.Plain)
        {
            if (value is null or "" or "~" or "null")
            {
                writer.WriteNullValue();
                return;
            }

            if (value is "true" or "false")
            {
                writer.WriteBooleanValue(value == "true");
                return;
            }

            if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l))
            {
                writer.WriteNumberValue(l);
                return;
            }

            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
            {
                writer.WriteNumberValue(d);
                return;
            }
        }

        writer.WriteStringValue(value);
    }
}
