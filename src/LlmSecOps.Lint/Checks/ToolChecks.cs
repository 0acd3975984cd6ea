using System.Text.RegularExpressions;
using LlmSecOps.Lint.Data;
using LlmSecOps.Lint.Diagnostics;
using LlmSecOps.Lint.Documents;

namespace LlmSecOps.Lint.Checks;

/// <summary>Rules over tool definitions: dangerous capabilities without argument constraints (LLM014) and over-broad descriptions (LLM015).</summary>
internal static partial class ToolChecks
{
    public static void Run(CheckContext ctx)
    {
        foreach (var tool in ctx.Document.Tools)
        {
            if (Capability(tool) is { } capability && tool.HasParameterSchema)
            {
                var loose = UnconstrainedArguments(tool);
                if (loose.Count > 0)
                {
                    ctx.Add(
                        RuleIds.DangerousToolUnconstrained,
                        tool.Start,
                        tool.End,
                        $"tool '{tool.Name}' can {capability}, and its argument{(loose.Count > 1 ? "s" : string.Empty)} {string.Join(", ", loose.Select(static l => "'" + l + "'"))} {(loose.Count > 1 ? "have" : "has")} no enum, pattern, maxLength or format",
                        tool.Name,
                        new Dictionary<string, string>(StringComparer.Ordinal) { ["tool"] = tool.Name, ["capability"] = capability });
                }
            }

            if (tool.Description is { } description && tool.DescriptionOrigin is { } origin)
            {
                var m = OverbroadRegex().Match(description);
                if (m.Success)
                {
                    var (s, e) = origin.ToFile(m.Index, m.Index + m.Length);
                    ctx.Add(RuleIds.OverbroadToolDescription, s, e, $"description of tool '{tool.Name}' invites arbitrary use: '{m.Value}'", tool.Name);
                }
            }
        }
    }

    /// <summary>What a dangerous tool can do, judged by its name and description; null for ordinary tools.</summary>
    public static string? Capability(ToolDefinition tool)
    {
        var words = TrustClassifier.Words(tool.Name).ToHashSet(StringComparer.Ordinal);
        var description = tool.Description ?? string.Empty;
        if (words.Contains("sql") || (words.Overlaps(["query", "execute", "run", "exec"]) && words.Overlaps(["db", "database", "postgres", "mysql", "sqlite"])) || SqlRegex().IsMatch(description))
        {
            return "run SQL";
        }

        if (words.Overlaps(["shell", "bash", "terminal", "powershell", "cmd", "subprocess", "zsh"]) || (words.Overlaps(["run", "exec", "execute"]) && words.Overlaps(["command", "commands", "cmd", "process", "program"])) || ShellRegex().IsMatch(description))
        {
            return "run shell commands";
        }

        if (words.Overlaps(["python", "javascript", "repl", "interpreter", "eval", "jupyter", "notebook"]) || (words.Overlaps(["run", "exec", "execute", "evaluate"]) && words.Overlaps(["code", "script", "snippet"])) || CodeRegex().IsMatch(description))
        {
            return "execute code";
        }

        if (words.Overlaps(["write", "save", "delete", "remove", "rm", "move", "rename", "append", "overwrite", "edit", "modify", "upload", "create", "unlink", "mkdir"]) && words.Overlaps(["file", "files", "path", "dir", "directory", "folder", "fs", "disk"])
            || FileWriteRegex().IsMatch(description))
        {
            return "write or delete files";
        }

        if (words.Overlaps(["fetch", "http", "url", "browse", "browser", "download", "curl", "wget", "scrape", "crawl", "webpage", "navigate"]) || FetchRegex().IsMatch(description))
        {
            return "fetch arbitrary URLs";
        }

        return null;
    }

    /// <summary>String arguments with none of enum, const, pattern, maxLength or format.</summary>
    public static List<string> UnconstrainedArguments(ToolDefinition tool)
    {
        var result = new List<string>();
        if (tool.CodeParameters is { } code)
        {
            result.AddRange(code.Where(static p => !p.Constrained).Select(static p => p.Name));
            return result;
        }

        if (tool.Parameters?.GetMap("properties") is not { } properties)
        {
            return result;
        }

        foreach (var (name, schema) in properties.Entries)
        {
            if (schema is DataMap s && IsLooseString(s, 0))
            {
                result.Add(name.Value);
            }
        }

        return result;
    }

    private static bool IsLooseString(DataMap schema, int depth)
    {
        if (depth > 8)
        {
            return false;
        }

        var type = schema.Get("type") switch
        {
            DataScalar t => t.Value,
            DataSequence seq => seq.Items.OfType<DataScalar>().Any(static i => i.Value == "string") ? "string" : "other",
            _ => null,
        };
        if (schema.Has("enum") || schema.Has("const") || schema.Has("pattern") || schema.Has("maxLength") || schema.Has("format") || schema.Has("$ref"))
        {
            return false;
        }

        if (type == "array" && schema.GetMap("items") is { } items)
        {
            return IsLooseString(items, depth + 1) && !schema.Has("maxItems");
        }

        if ((schema.GetSequence("anyOf") ?? schema.GetSequence("oneOf")) is { } alternatives)
        {
            return alternatives.Items.OfType<DataMap>().Any(a => IsLooseString(a, depth + 1));
        }

        return type is "string" or null && !schema.Has("properties");
    }

    [GeneratedRegex(@"(?i)\b(?:execut|run)\w*\s+(?:an?\s+|any\s+|arbitrary\s+|the\s+given\s+)?(?:sql|queries|query)\b|\bsql\s+quer", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex SqlRegex();

    [GeneratedRegex(@"(?i)\b(?:execut|run)\w*\s+(?:an?\s+|any\s+|arbitrary\s+|the\s+given\s+)?(?:shell|bash|system|terminal|os)\s+commands?\b|\bshell\s+commands?\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex ShellRegex();

    [GeneratedRegex(@"(?i)\b(?:execut|run|evaluat)\w*\s+(?:an?\s+|any\s+|arbitrary\s+|the\s+given\s+)?(?:python|javascript|js|code|scripts?)\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex CodeRegex();

    [GeneratedRegex(@"(?i)\b(?:writes?|saves?|deletes?|removes?|overwrites?)\s+(?:to\s+)?(?:an?\s+|any\s+|the\s+)?(?:files?|director(?:y|ies)|folders?)\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex FileWriteRegex();

    [GeneratedRegex(@"(?i)\b(?:fetch|download|retriev|get|load|open|visit|browse)\w*\s+(?:the\s+)?(?:content\s+of\s+|contents\s+of\s+)?(?:an?\s+|any\s+|the\s+given\s+)?(?:url|web\s*page|website|link)s?\b|\bhttp\s+requests?\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex FetchRegex();

    [GeneratedRegex(@"(?i)\b(?:any|arbitrary|all|every)\s+(?:shell\s+|bash\s+|system\s+|sql\s+|python\s+|database\s+)?(?:commands?|code|quer(?:y|ies)|files?|urls?|websites?|actions?|operations?|apis?|requests?|programs?|tasks?)\b|\b(?:full|unrestricted|unlimited|root|admin(?:istrator)?)\s+(?:access|privileges?|permissions?|control)\b|\b(?:anything|whatever)\s+(?:the\s+)?(?:user|model|assistant|caller)\s+(?:asks|wants|requests|needs|says)\b|\bwithout\s+(?:any\s+)?(?:restrictions?|limits?|limitations?|confirmation|approval)\b|\bdo\s+anything\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex OverbroadRegex();
}
