using System.Globalization;
using System.Text.RegularExpressions;
using LlmSecOps.Lint.Data;
using LlmSecOps.Lint.Text;

namespace LlmSecOps.Lint.Schema;

/// <summary>
/// Reads prompt schema YAML, collecting every problem with its position. Unknown keys are errors:
/// a misspelt <c>max_lenght</c> must not silently drop a limit the gateway was meant to enforce.
/// </summary>
internal static class PromptSchemaParser
{
    /// <summary>Largest schema file accepted.</summary>
    public const int MaxBytes = 1 << 20;

    private static readonly string[] TopKeys = ["version", "templates"];
    private static readonly string[] TemplateKeys = ["path", "paths", "variables", "allow_undeclared", "description"];
    private static readonly string[] VariableKeys = ["type", "max_length", "min_length", "pattern", "enum", "trust", "trusted", "required", "description", "default"];

    public static (PromptSchema Schema, List<SchemaError> Errors) LoadFile(string path)
    {
        var errors = new List<SchemaError>();
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                errors.Add(new SchemaError(path, 0, 0, "file not found") { IsSyntax = true });
                return (PromptSchema.Empty, errors);
            }

            if (info.Length > MaxBytes)
            {
                errors.Add(new SchemaError(path, 0, 0, $"file is {info.Length} bytes; the limit is {MaxBytes}") { IsSyntax = true });
                return (PromptSchema.Empty, errors);
            }

            var text = File.ReadAllText(path);
            var schema = Parse(text, path, Path.GetDirectoryName(Path.GetFullPath(path)), out var parseErrors);
            return (schema, parseErrors);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            errors.Add(new SchemaError(path, 0, 0, ex.Message) { IsSyntax = true });
            return (PromptSchema.Empty, errors);
        }
    }

    public static PromptSchema Parse(string text, string source, string? baseDirectory, out List<SchemaError> errors)
    {
        var list = new List<SchemaError>();
        errors = list;
        var sourceText = new SourceText(text);
        void Error(int offset, string message, bool syntax = false)
        {
            var (line, col) = sourceText.GetLineColumn(offset);
            list.Add(new SchemaError(source, line, col, message) { IsSyntax = syntax, Offset = offset });
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            Error(0, "schema contains NUL bytes; is it a binary file?", syntax: true);
            return PromptSchema.Empty;
        }

        var roots = YamlTreeParser.Parse(text, 0, text.Length, out var parseError);
        if (parseError is not null)
        {
            Error(parseError.Offset, parseError.Message, syntax: true);
            return PromptSchema.Empty;
        }

        if (roots.Count == 0)
        {
            return new PromptSchema([], source, baseDirectory);
        }

        if (roots[0] is not DataMap root)
        {
            Error(roots[0].Start, "a prompt schema is a mapping with a 'templates' section");
            return PromptSchema.Empty;
        }

        CheckKeys(root, TopKeys, "schema", Error);
        if (root.Get("version") is DataScalar v && v.Value != "1")
        {
            Error(v.Start, $"unsupported schema version {v.Value}; this build reads version 1");
        }

        var templates = new List<TemplateSchema>();
        if (root.Get("templates") is { } tnode)
        {
            if (tnode is not DataMap tmap)
            {
                Error(tnode.Start, "templates: expected a mapping of template id to its variables");
            }
            else
            {
                foreach (var (idNode, body) in tmap.Entries)
                {
                    if (ReadTemplate(idNode, body, Error) is { } t)
                    {
                        templates.Add(t);
                    }
                }
            }
        }

        return new PromptSchema(templates, source, baseDirectory);
    }

    private static TemplateSchema? ReadTemplate(DataScalar idNode, DataNode body, Action<int, string, bool> error)
    {
        var id = idNode.Value;
        if (body is not DataMap map)
        {
            error(body.Start, $"templates.{id}: expected a mapping with 'variables'", false);
            return null;
        }

        CheckKeys(map, TemplateKeys, $"templates.{id}", error);
        var paths = new List<string>();
        foreach (var key in new[] { "path", "paths" })
        {
            switch (map.Get(key))
            {
                case DataScalar s when s.Value.Length > 0:
                    paths.Add(s.Value);
                    break;
                case DataSequence seq:
                    paths.AddRange(seq.Items.OfType<DataScalar>().Select(x => x.Value).Where(x => x.Length > 0));
                    break;
                case { } other:
                    error(other.Start, $"templates.{id}.{key}: expected a glob or a list of globs", false);
                    break;
            }
        }

        foreach (var p in paths.ToList())
        {
            try
            {
                _ = new Config.Glob(p);
            }
            catch (ArgumentException ex)
            {
                error(map.Start, $"templates.{id}.path: {ex.Message}", false);
                paths.Remove(p);
            }
        }

        var variables = new Dictionary<string, VariableSchema>(StringComparer.Ordinal);
        switch (map.Get("variables"))
        {
            case DataMap vars:
                foreach (var (nameNode, spec) in vars.Entries)
                {
                    if (ReadVariable(id, nameNode.Value, spec, error) is { } variable)
                    {
                        variables[variable.Name] = variable;
                    }
                }

                break;
            case null or DataScalar { Kind: ScalarKind.Null }:
                break;
            case { } other:
                error(other.Start, $"templates.{id}.variables: expected a mapping of variable name to its constraints", false);
                break;
        }

        var allow = map.Get("allow_undeclared") is DataScalar a && a.AsBoolean() == true;
        return new TemplateSchema { Id = id, Paths = paths, Variables = variables, AllowUndeclared = allow };
    }

    private static VariableSchema? ReadVariable(string templateId, string name, DataNode spec, Action<int, string, bool> error)
    {
        var where = $"templates.{templateId}.variables.{name}";
        if (spec is DataScalar { Kind: ScalarKind.Null })
        {
            return new VariableSchema { Name = name };
        }

        if (spec is DataScalar typeOnly)
        {
            // Short form: "question: string".
            return ParseType(typeOnly, where, error) is { } t ? new VariableSchema { Name = name, Type = t } : null;
        }

        if (spec is not DataMap map)
        {
            error(spec.Start, $"{where}: expected a mapping of constraints (type, max_length, pattern, enum, trust, required)", false);
            return null;
        }

        CheckKeys(map, VariableKeys, where, error);
        var variable = new VariableSchema { Name = name };
        var ok = true;
        if (map.GetScalar("type") is { } type)
        {
            if (ParseType(type, where, error) is { } t)
            {
                variable = variable with { Type = t };
            }
            else
            {
                ok = false;
            }
        }

        int? ReadCount(string key)
        {
            if (map.Get(key) is not { } n)
            {
                return null;
            }

            if (n is DataScalar s && int.TryParse(s.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 0)
            {
                return v;
            }

            error(n.Start, $"{where}.{key}: expected a whole number of 0 or more", false);
            ok = false;
            return null;
        }

        variable = variable with { MaxLength = ReadCount("max_length"), MinLength = ReadCount("min_length") };
        if (map.Get("pattern") is { } patternNode)
        {
            if (patternNode is DataScalar { IsString: true } ps)
            {
                try
                {
                    _ = new Regex(ps.Value, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
                    variable = variable with { Pattern = ps.Value };
                }
                catch (ArgumentException ex)
                {
                    error(ps.Start, $"{where}.pattern: invalid regular expression: {ex.Message}", false);
                    ok = false;
                }
            }
            else
            {
                error(patternNode.Start, $"{where}.pattern: expected a regular expression string", false);
                ok = false;
            }
        }

        if (map.Get("enum") is { } enumNode)
        {
            if (enumNode is DataSequence es && es.Items.All(static i => i is DataScalar))
            {
                variable = variable with { Enum = es.Items.Cast<DataScalar>().Select(i => i.Value).ToArray() };
            }
            else
            {
                error(enumNode.Start, $"{where}.enum: expected a list of values", false);
                ok = false;
            }
        }

        if (map.Get("trust") is DataScalar trust)
        {
            switch (trust.Value.Trim().ToLowerInvariant())
            {
                case "trusted":
                    variable = variable with { Trust = TrustLevel.Trusted };
                    break;
                case "untrusted" or "user":
                    variable = variable with { Trust = TrustLevel.Untrusted };
                    break;
                case "retrieved" or "external" or "third_party":
                    variable = variable with { Trust = TrustLevel.Retrieved };
                    break;
                default:
                    error(trust.Start, $"{where}.trust: expected trusted, untrusted or retrieved", false);
                    ok = false;
                    break;
            }
        }

        if (map.Get("trusted") is DataScalar trusted)
        {
            if (trusted.AsBoolean() is { } b)
            {
                variable = variable with { Trust = b ? TrustLevel.Trusted : TrustLevel.Untrusted };
            }
            else
            {
                error(trusted.Start, $"{where}.trusted: expected true or false", false);
                ok = false;
            }
        }

        if (map.Get("required") is DataScalar required)
        {
            if (required.AsBoolean() is { } r)
            {
                variable = variable with { Required = r };
            }
            else
            {
                error(required.Start, $"{where}.required: expected true or false", false);
                ok = false;
            }
        }

        if (map.GetString("description") is { } description)
        {
            variable = variable with { Description = description };
        }

        if (variable.MaxLength is { } max && variable.MinLength is { } min && min > max)
        {
            error(map.Start, $"{where}: min_length {min} is greater than max_length {max}", false);
            ok = false;
        }

        return ok ? variable : null;
    }

    private static VariableType? ParseType(DataScalar node, string where, Action<int, string, bool> error)
    {
        switch (node.Value.Trim().ToLowerInvariant())
        {
            case "string" or "str" or "text":
                return VariableType.String;
            case "integer" or "int":
                return VariableType.Integer;
            case "number" or "float" or "double":
                return VariableType.Number;
            case "boolean" or "bool":
                return VariableType.Boolean;
            case "array" or "list":
                return VariableType.Array;
            case "object" or "map" or "mapping":
                return VariableType.Object;
            default:
                error(node.Start, $"{where}.type: unknown type '{node.Value}'; expected string, integer, number, boolean, array or object", false);
                return null;
        }
    }

    private static void CheckKeys(DataMap map, string[] allowed, string where, Action<int, string, bool> error)
    {
        foreach (var (k, _) in map.Entries)
        {
            if (!allowed.Contains(k.Value, StringComparer.Ordinal))
            {
                error(k.Start, $"{where}: unknown key '{k.Value}'; expected one of: {string.Join(", ", allowed)}", false);
            }
        }
    }
}
