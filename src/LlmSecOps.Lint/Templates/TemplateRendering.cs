using LlmSecOps.Lint.Checks;
using LlmSecOps.Lint.Config;
using LlmSecOps.Lint.Data;
using LlmSecOps.Lint.Discovery;
using LlmSecOps.Lint.Documents;
using LlmSecOps.Lint.Schema;
using LlmSecOps.Lint.Text;

namespace LlmSecOps.Lint.Templates;

/// <summary>
/// What <c>llmsecops render</c> does: read a template file, read variable values, validate them
/// against the prompt schema and the template's own needs, and render every message. All
/// problems are collected, so one run lists every violation.
/// </summary>
internal static class TemplateRendering
{
    public static RenderOutcome Run(string templatePath, IReadOnlyDictionary<string, object?> variables, PromptSchema schema, string? templateId, string root)
    {
        var relative = Path.GetRelativePath(root, templatePath).Replace('\\', '/');
        var kind = FileClassifier.Classify(relative, isExplicit: true, []) ?? (DocumentKind.TextPrompt, null);
        var file = new DiscoveredFile(templatePath, relative, kind.Kind, kind.Language, true);
        var text = FileLoader.Load(file, LintConfig.DefaultMaxFileBytes * 4, out var notice)
            ?? throw new TemplateRenderException($"{relative}: {notice?.Message ?? "cannot be read"}", 0);
        var doc = DocumentReader.Read(file, text);
        var units = doc.Units.Where(static u => u.Templates.Count > 0).ToList();
        if (units.Count == 0)
        {
            throw new TemplateRenderException($"{relative}: no prompt template found", 0);
        }

        var unit = templateId is null ? units[0] : units.FirstOrDefault(u => u.Id == templateId) ?? units[0];
        var id = templateId ?? unit.Id;
        var problems = new List<string>();
        foreach (var f in doc.Findings.Where(static f => f.RuleId == Diagnostics.RuleIds.ParseError))
        {
            problems.Add($"{Where(doc, f.Start)}: {f.Message}");
        }

        foreach (var t in unit.Templates)
        {
            foreach (var issue in t.Analysis.Issues.Where(static i => i.RuleId == Diagnostics.RuleIds.ParseError))
            {
                problems.Add($"{Where(doc, t.Origin.ToFile(issue.Start))}: {issue.Message}");
            }
        }

        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var d in unit.Defaults)
        {
            values[d.Name] = TemplateChecks.ToValue(d.Value, 0);
        }

        foreach (var (k, v) in variables)
        {
            values[k] = v;
        }

        var entry = schema.Find(id, templatePath) ?? schema.Find(id);
        if (entry is not null)
        {
            foreach (var v in PromptSchema.Validate(entry, variables))
            {
                // A variable with a template default need not be given.
                if (v.Code == "missing" && v.Variable is not null && values.ContainsKey(v.Variable))
                {
                    continue;
                }

                problems.Add($"{id}.{v.Variable}: {v.Message}");
            }
        }

        foreach (var t in unit.Templates)
        {
            foreach (var p in t.Analysis.Placeholders)
            {
                if (!values.ContainsKey(p.Name) && !p.Filters.Contains("default") && !p.Filters.Contains("d")
                    && !problems.Any(x => x.StartsWith($"{id}.{p.Name}:", StringComparison.Ordinal)))
                {
                    problems.Add($"{id}.{p.Name}: is used by the template but not given");
                }
            }
        }

        if (problems.Count > 0)
        {
            return new RenderOutcome { TemplateId = id, Problems = problems.Distinct(StringComparer.Ordinal).ToList() };
        }

        var messages = new List<(string? Role, string Content)>();
        foreach (var t in unit.Templates)
        {
            try
            {
                messages.Add((t.Role, TemplateRenderer.Render(t, values).Trim('\n', '\r')));
            }
            catch (TemplateRenderException ex)
            {
                problems.Add($"{Where(doc, t.Origin.ToFile(ex.Offset))}: {ex.Message}");
            }
        }

        return new RenderOutcome { TemplateId = id, Messages = messages, Problems = problems };
    }

    /// <summary>Reads a YAML or JSON mapping of variable values.</summary>
    public static Dictionary<string, object?> LoadVariables(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new InvalidDataException($"{path}: file not found");
        }

        if (info.Length > 16L << 20)
        {
            throw new InvalidDataException($"{path}: over the 16 MB limit");
        }

        var text = File.ReadAllText(path);
        var source = new SourceText(text);
        DataNode? root;
        ParseError? error;
        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            root = JsonTreeParser.Parse(text, out error);
        }
        else
        {
            var roots = YamlTreeParser.Parse(text, 0, text.Length, out error);
            root = roots.Count > 0 ? roots[0] : null;
        }

        if (error is not null)
        {
            var (line, col) = source.GetLineColumn(error.Offset);
            throw new InvalidDataException($"{path}:{line}:{col}: {error.Message}");
        }

        if (root is DataScalar { Kind: ScalarKind.Null } or null)
        {
            return new Dictionary<string, object?>(StringComparer.Ordinal);
        }

        if (root is not DataMap map)
        {
            var (line, col) = source.GetLineColumn(root.Start);
            throw new InvalidDataException($"{path}:{line}:{col}: expected a mapping of variable names to values");
        }

        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (k, v) in map.Entries)
        {
            result[k.Value] = TemplateChecks.ToValue(v, 0);
        }

        return result;
    }

    private static string Where(LintDocument doc, int offset)
    {
        var (line, col) = doc.Source.GetLineColumn(offset);
        return $"{doc.RelativePath}:{line}:{col}";
    }
}
