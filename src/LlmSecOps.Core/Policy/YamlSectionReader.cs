using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace LlmSecOps.Core.Policy;

/// <summary>
/// Typed reads from a parsed YAML tree for the configuration loaders (policies, the gateway's
/// configuration). A value that does not fit records a <see cref="PolicyError"/> at the node's
/// line and column and reads as null or empty, so one pass reports every mistake in a file.
/// </summary>
public abstract class YamlSectionReader
{
    private readonly string _source;
    private readonly List<PolicyError> _errors;

    /// <summary>Creates a reader that names <paramref name="source"/> in the errors it adds to <paramref name="errors"/>.</summary>
    protected YamlSectionReader(string source, List<PolicyError> errors)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(errors);
        _source = source;
        _errors = errors;
    }

    /// <summary>The problems recorded so far (shared with the loader that created the reader).</summary>
    protected List<PolicyError> Errors => _errors;

    /// <summary>Records a problem at a node.</summary>
    protected void Error(YamlNode node, string message)
    {
        ArgumentNullException.ThrowIfNull(node);
        _errors.Add(new PolicyError(_source, (int)node.Start.Line, (int)node.Start.Column, message));
    }

    /// <summary>A mapping key: a non-empty plain string, trimmed.</summary>
    protected string? KeyOf(YamlNode node)
    {
        if (node is YamlScalarNode { Value: { } v } && v.Trim() is { Length: > 0 } key)
        {
            return key;
        }

        Error(node, "keys must be plain strings");
        return null;
    }

    /// <summary>A scalar's text.</summary>
    protected string? ReadString(YamlNode node)
    {
        if (node is YamlScalarNode s)
        {
            return s.Value;
        }

        Error(node, "expected a string");
        return null;
    }

    /// <summary>A sequence of strings; a single string reads as a list of one, an empty value as none.</summary>
    protected string[] ReadStringList(YamlNode node)
    {
        switch (node)
        {
            case YamlSequenceNode seq:
                var list = new List<string>(seq.Children.Count);
                foreach (var item in seq)
                {
                    if (ReadString(item) is { } s)
                    {
                        list.Add(s);
                    }
                }

                return [.. list];
            case YamlScalarNode { Value: null or "" }:
                return [];
            case YamlScalarNode { Value: { } one }:
                return [one];
            default:
                Error(node, "expected a list of strings");
                return [];
        }
    }

    /// <summary>A whole number within a range.</summary>
    protected int? ReadInt(YamlNode node, int min, int max)
    {
        if (node is YamlScalarNode { Value: { } v } && long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
        {
            return (int)n;
        }

        Error(node, $"expected a whole number from {min} to {max}");
        return null;
    }

    /// <summary>A number within a range.</summary>
    protected double? ReadDouble(YamlNode node, double min, double max)
    {
        if (node is YamlScalarNode { Value: { } v } && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= min && d <= max)
        {
            return d;
        }

        Error(node, $"expected a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
        return null;
    }

    /// <summary>true/yes/on or false/no/off.</summary>
    protected bool? ReadBool(YamlNode node)
    {
        var value = BoundedYaml.ScalarBool(node);
        if (value is null)
        {
            Error(node, "expected true or false");
        }

        return value;
    }

    /// <summary>
    /// A mapping whose keys must come from <paramref name="allowed"/>: an unknown or repeated key
    /// is an error naming <paramref name="section"/>; an empty value reads as an empty mapping.
    /// </summary>
    protected Dictionary<string, YamlNode> ReadMap(YamlNode node, string section, string[] allowed)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        var result = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        if (node is YamlScalarNode { Value: null or "" })
        {
            return result;
        }

        if (node is not YamlMappingNode map)
        {
            Error(node, $"{section}: expected a mapping with keys {string.Join(", ", allowed)}");
            return result;
        }

        foreach (var (k, v) in map.Children)
        {
            if (KeyOf(k) is not { } key)
            {
                continue;
            }

            if (Array.IndexOf(allowed, key) < 0)
            {
                Error(k, $"{section}: unknown key '{key}'; expected one of: {string.Join(", ", allowed)}");
                continue;
            }

            if (!result.TryAdd(key, v))
            {
                Error(k, $"{section}: '{key}' given twice");
            }
        }

        return result;
    }
}
