using System.Text.Json;
using LlmSecOps.Lint.Config;

namespace LlmSecOps.Lint.Schema;

/// <summary>
/// Declared variables of prompt templates, read from a schema file (<c>prompts.schema.yaml</c>).
/// The linter uses it to report undeclared/unused variables and bad samples; <c>render</c> and
/// the gateway call <see cref="Validate(string, IReadOnlyDictionary{string, object?})"/> to
/// refuse values that break it.
/// </summary>
/// <example>
/// <code>
/// var schema = PromptSchema.LoadFile("prompts.schema.yaml");
/// var violations = schema.Validate("support_answer", new Dictionary&lt;string, object?&gt; { ["question"] = text });
/// if (violations.Count &gt; 0) { /* refuse the request */ }
/// </code>
/// </example>
public sealed class PromptSchema
{
    private readonly Dictionary<string, TemplateSchema> _templates;
    private readonly List<(TemplateSchema Template, Glob Glob, string? BaseDirectory)> _globs = [];

    /// <summary>Creates a schema from template entries.</summary>
    public PromptSchema(IEnumerable<TemplateSchema> templates, string? source = null, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(templates);
        _templates = new Dictionary<string, TemplateSchema>(StringComparer.Ordinal);
        foreach (var t in templates)
        {
            _templates[t.Id] = t;
            foreach (var p in t.Paths)
            {
                _globs.Add((t, new Glob(p), baseDirectory));
            }
        }

        Source = source ?? "schema";
        BaseDirectory = baseDirectory;
    }

    /// <summary>An empty schema.</summary>
    public static PromptSchema Empty { get; } = new([]);

    /// <summary>The file the schema came from.</summary>
    public string Source { get; }

    /// <summary>The directory <see cref="TemplateSchema.Paths"/> are relative to.</summary>
    public string? BaseDirectory { get; }

    /// <summary>Template entries by id.</summary>
    public IReadOnlyDictionary<string, TemplateSchema> Templates => _templates;

    /// <summary>Parses schema YAML; throws <see cref="PromptSchemaException"/> with every problem.</summary>
    public static PromptSchema Parse(string yaml, string source = "schema", string? baseDirectory = null)
    {
        var schema = PromptSchemaParser.Parse(yaml, source, baseDirectory, out var errors);
        if (errors.Count > 0)
        {
            throw new PromptSchemaException(errors);
        }

        return schema;
    }

    /// <summary>Loads a schema file; throws <see cref="PromptSchemaException"/> with every problem.</summary>
    public static PromptSchema LoadFile(string path)
    {
        var (schema, errors) = PromptSchemaParser.LoadFile(path);
        if (errors.Count > 0)
        {
            throw new PromptSchemaException(errors);
        }

        return schema;
    }

    /// <summary>Combines several schemas; later entries win for the same id.</summary>
    public static PromptSchema Merge(IEnumerable<PromptSchema> schemas)
    {
        ArgumentNullException.ThrowIfNull(schemas);
        var list = schemas.ToList();
        if (list.Count == 1)
        {
            return list[0];
        }

        var merged = new PromptSchema([], string.Join(", ", list.Select(s => s.Source)));
        foreach (var s in list)
        {
            foreach (var t in s._templates.Values)
            {
                merged._templates[t.Id] = t;
            }

            merged._globs.AddRange(s._globs);
        }

        return merged;
    }

    /// <summary>The entry for a template id, or null.</summary>
    public TemplateSchema? Find(string templateId) =>
        _templates.TryGetValue(templateId, out var t) ? t : null;

    /// <summary>
    /// The entry for a template: the first whose path globs match the file (given as a full
    /// path), else the one whose id equals <paramref name="templateId"/>.
    /// </summary>
    public TemplateSchema? Find(string templateId, string fullPath)
    {
        foreach (var (template, glob, baseDir) in _globs)
        {
            var relative = baseDir is null ? fullPath : Path.GetRelativePath(baseDir, fullPath);
            if (glob.IsMatch(relative))
            {
                return template;
            }
        }

        var byId = Find(templateId);
        return byId is { Paths.Count: 0 } ? byId : null;
    }

    /// <summary>Validates variable values for a template; returns every violation (empty when valid).</summary>
    public IReadOnlyList<SchemaViolation> Validate(string templateId, IReadOnlyDictionary<string, object?> variables)
    {
        ArgumentNullException.ThrowIfNull(templateId);
        ArgumentNullException.ThrowIfNull(variables);
        if (Find(templateId) is not { } template)
        {
            return [new SchemaViolation(templateId, null, "unknown_template", $"no template '{templateId}' in the prompt schema")];
        }

        return Validate(template, variables);
    }

    /// <summary>Validates a JSON object of variable values (for a gateway reading them from a request body).</summary>
    public IReadOnlyList<SchemaViolation> Validate(string templateId, JsonElement variables)
    {
        if (variables.ValueKind != JsonValueKind.Object)
        {
            return [new SchemaViolation(templateId, null, "type", "variables must be a JSON object")];
        }

        var dict = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in variables.EnumerateObject())
        {
            dict[p.Name] = FromJson(p.Value, 0);
        }

        return Validate(templateId, dict);
    }

    /// <summary>Validates values against one template entry.</summary>
    public static IReadOnlyList<SchemaViolation> Validate(TemplateSchema template, IReadOnlyDictionary<string, object?> variables)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(variables);
        var violations = new List<SchemaViolation>();
        foreach (var (name, spec) in template.Variables)
        {
            if (!variables.TryGetValue(name, out var value))
            {
                if (spec.Required)
                {
                    violations.Add(new SchemaViolation(template.Id, name, "missing", "is required but was not given"));
                }

                continue;
            }

            foreach (var (code, message) in spec.Check(value))
            {
                violations.Add(new SchemaViolation(template.Id, name, code, message));
            }
        }

        if (!template.AllowUndeclared)
        {
            foreach (var name in variables.Keys)
            {
                if (!template.Variables.ContainsKey(name))
                {
                    violations.Add(new SchemaViolation(template.Id, name, "undeclared", "is not declared in the prompt schema"));
                }
            }
        }

        return violations;
    }

    /// <summary>Converts a JSON value to the plain values <see cref="VariableSchema.Check"/> understands.</summary>
    public static object? FromJson(JsonElement e, int depth)
    {
        if (depth > 64)
        {
            return null;
        }

        return e.ValueKind switch
        {
            JsonValueKind.String => e.GetString(),
            JsonValueKind.Number => e.TryGetInt64(out var l) ? l : e.GetDouble(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Array => e.EnumerateArray().Select(x => FromJson(x, depth + 1)).ToList(),
            JsonValueKind.Object => e.EnumerateObject().ToDictionary(p => p.Name, p => FromJson(p.Value, depth + 1), StringComparer.Ordinal),
            _ => null,
        };
    }

}
