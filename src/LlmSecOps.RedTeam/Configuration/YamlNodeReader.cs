using System.Globalization;
using System.Text.RegularExpressions;
using LlmSecOps.Core.Policy;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LlmSecOps.RedTeam.Configuration;

/// <summary>
/// Reads YAML nodes into values, collecting every problem with its line and column instead of
/// stopping at the first. Depth and size are bounded before the tree is built, and aliases are
/// refused, so hostile input cannot exhaust the stack or memory.
/// </summary>
internal sealed class YamlNodeReader
{
    /// <summary>Largest YAML text accepted.</summary>
    public const int MaxChars = 4 << 20;

    /// <summary>Deepest nesting accepted.</summary>
    public const int MaxDepth = 32;

    public YamlNodeReader(string source, List<SourceError> errors)
    {
        Source = source;
        Errors = errors;
    }

    public string Source { get; }

    public List<SourceError> Errors { get; }

    /// <summary>Parses every document of a YAML text; null (with errors recorded) when it is not valid YAML.</summary>
    public IReadOnlyList<YamlNode>? LoadDocuments(string yaml)
    {
        if (yaml.Length > MaxChars)
        {
            Errors.Add(new SourceError(Source, 0, 0, $"file is {yaml.Length} characters; the limit is {MaxChars}"));
            return null;
        }

        if (yaml.Contains('\0', StringComparison.Ordinal))
        {
            Errors.Add(new SourceError(Source, 0, 0, "file contains NUL bytes; is it a binary file?"));
            return null;
        }

        return BoundedYaml.LoadDocuments(
            yaml, MaxDepth, "YAML aliases are not allowed", (line, column, message) => Errors.Add(new SourceError(Source, line, column, message)));
    }

    public void Error(YamlNode node, string message) =>
        Errors.Add(new SourceError(Source, (int)node.Start.Line, (int)node.Start.Column, message));

    public static bool IsEmpty(YamlNode node) => node is YamlScalarNode { Value: null or "" or "~" } s && s.Style == ScalarStyle.Plain;

    /// <summary>The entries of a mapping; unknown keys are errors. Null when the node is not a mapping.</summary>
    public Dictionary<string, YamlNode>? Map(YamlNode node, string what, IReadOnlyCollection<string> allowed)
    {
        if (node is not YamlMappingNode map)
        {
            Error(node, $"{what}: expected a mapping with keys {string.Join(", ", allowed)}");
            return null;
        }

        var result = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (k, v) in map.Children)
        {
            if (Key(k) is not { } key)
            {
                continue;
            }

            if (!allowed.Contains(key))
            {
                Error(k, $"{what}: unknown key '{key}'; expected one of: {string.Join(", ", allowed)}");
                continue;
            }

            if (!result.TryAdd(key, v))
            {
                Error(k, $"{what}: duplicate key '{key}'");
            }
        }

        return result;
    }

    /// <summary>The entries of a mapping with free-form keys.</summary>
    public List<(string Key, YamlNode KeyNode, YamlNode Value)>? Entries(YamlNode node, string what)
    {
        if (node is not YamlMappingNode map)
        {
            Error(node, $"{what}: expected a mapping");
            return null;
        }

        var list = new List<(string, YamlNode, YamlNode)>();
        foreach (var (k, v) in map.Children)
        {
            if (Key(k) is { } key)
            {
                list.Add((key, k, v));
            }
        }

        return list;
    }

    public string? Key(YamlNode node)
    {
        if (node is YamlScalarNode { Value: { Length: > 0 } v })
        {
            return v.Trim();
        }

        Error(node, "keys must be plain strings");
        return null;
    }

    public string? String(YamlNode node, string what)
    {
        if (node is YamlScalarNode scalar)
        {
            return scalar.Value ?? string.Empty;
        }

        Error(node, $"{what}: expected a string");
        return null;
    }

    public string? NonEmptyString(YamlNode node, string what)
    {
        var s = String(node, what);
        if (s is not null && s.Trim().Length == 0)
        {
            Error(node, $"{what}: must not be empty");
            return null;
        }

        return s;
    }

    public int? Int(YamlNode node, string what, int min, int max)
    {
        if (node is YamlScalarNode s && long.TryParse(s.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max)
        {
            return (int)v;
        }

        Error(node, $"{what}: expected a whole number from {min} to {max}");
        return null;
    }

    public double? Double(YamlNode node, string what, double min, double max)
    {
        if (node is YamlScalarNode s && double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max)
        {
            return v;
        }

        Error(node, $"{what}: expected a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
        return null;
    }

    public bool? Bool(YamlNode node, string what)
    {
        var value = BoundedYaml.ScalarBool(node);
        if (value is null)
        {
            Error(node, $"{what}: expected true or false");
        }

        return value;
    }

    /// <summary>A list of strings; a single scalar counts as a list of one.</summary>
    public List<string> StringList(YamlNode node, string what)
    {
        var list = new List<string>();
        switch (node)
        {
            case YamlSequenceNode seq:
                foreach (var item in seq)
                {
                    if (String(item, what) is { } s)
                    {
                        list.Add(s);
                    }
                }

                break;
            case YamlScalarNode when IsEmpty(node):
                break;
            case YamlScalarNode scalar:
                list.Add(scalar.Value ?? string.Empty);
                break;
            default:
                Error(node, $"{what}: expected a list of strings");
                break;
        }

        return list;
    }

    /// <summary>Checks that a regular expression compiles; reports it otherwise.</summary>
    public Regex? Regex(YamlNode node, string pattern, RegexOptions options)
    {
        try
        {
            return new Regex(pattern, options | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200));
        }
        catch (ArgumentException ex)
        {
            Error(node, $"invalid regular expression: {ex.Message}");
            return null;
        }
    }
}
