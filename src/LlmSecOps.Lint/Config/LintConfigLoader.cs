using System.Globalization;
using LlmSecOps.Lint.Data;
using LlmSecOps.Lint.Diagnostics;
using LlmSecOps.Lint.Text;

namespace LlmSecOps.Lint.Config;

/// <summary>
/// Finds and reads <c>.llmsecops.yaml</c>. The <c>lint</c> section is validated strictly (unknown
/// keys, unknown rule ids and bad values are errors reported together with their positions);
/// other top-level sections belong to other commands and are left alone.
/// </summary>
public static class LintConfigLoader
{
    /// <summary>The configuration file name.</summary>
    public const string FileName = ".llmsecops.yaml";

    private static readonly string[] LintKeys =
    [
        "include", "exclude", "prompts", "schemas", "fail_level", "max_file_bytes", "max_prompt_chars", "follow_symlinks", "rules",
    ];

    /// <summary>
    /// Looks for <c>.llmsecops.yaml</c> (or <c>.llmsecops.yml</c>) in <paramref name="start"/> and
    /// its parents, stopping at a repository root (a directory holding <c>.git</c>).
    /// </summary>
    public static string? Find(string start)
    {
        var dir = new DirectoryInfo(start);
        for (var depth = 0; dir is not null && depth < 64; depth++, dir = dir.Parent)
        {
            foreach (var name in new[] { FileName, ".llmsecops.yml" })
            {
                var candidate = Path.Combine(dir.FullName, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            if (Directory.Exists(Path.Combine(dir.FullName, ".git")) || File.Exists(Path.Combine(dir.FullName, ".git")))
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>Loads a configuration file; throws <see cref="LintConfigException"/> with every problem.</summary>
    public static LintConfig Load(string path)
    {
        string text;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new LintConfigException($"{path}: file not found");
            }

            if (info.Length > 1 << 20)
            {
                throw new LintConfigException($"{path}: configuration file is over 1 MB");
            }

            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new LintConfigException($"{path}: {ex.Message}");
        }

        return Parse(text, path, Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>Parses configuration YAML whose relative paths are relative to <paramref name="baseDirectory"/>.</summary>
    public static LintConfig Parse(string yaml, string source, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var errors = new List<string>();
        var sourceText = new SourceText(yaml);
        void Error(int offset, string message)
        {
            var (line, col) = sourceText.GetLineColumn(offset);
            errors.Add($"{source}:{line}:{col}: {message}");
        }

        var config = new LintConfig { SourcePath = source, BaseDirectory = baseDirectory };
        var roots = YamlTreeParser.Parse(yaml, 0, yaml.Length, out var parseError);
        if (parseError is not null)
        {
            Error(parseError.Offset, parseError.Message);
            throw new LintConfigException(errors);
        }

        if (roots.Count == 0 || roots[0] is DataScalar { Kind: ScalarKind.Null })
        {
            return config;
        }

        if (roots[0] is not DataMap root)
        {
            Error(roots[0].Start, "the configuration must be a mapping");
            throw new LintConfigException(errors);
        }

        // Either a "lint:" section, or the lint keys at the top level.
        var section = root.Get("lint") as DataMap;
        if (section is null && root.Entries.Any(e => LintKeys.Contains(e.Key.Value, StringComparer.Ordinal)))
        {
            section = root;
        }
        else if (root.Get("lint") is { } other and not DataMap and not DataScalar { Kind: ScalarKind.Null })
        {
            Error(other.Start, "lint: expected a mapping");
        }

        if (section is not null)
        {
            config = ReadSection(section, config, baseDirectory, Error, ReferenceEquals(section, root));
        }

        if (errors.Count > 0)
        {
            throw new LintConfigException(errors);
        }

        return config;
    }

    private static LintConfig ReadSection(DataMap map, LintConfig config, string baseDirectory, Action<int, string> error, bool topLevel)
    {
        foreach (var (k, v) in map.Entries)
        {
            switch (k.Value)
            {
                case "include":
                    config = config with { Include = Globs(v, "include", error) };
                    break;
                case "exclude":
                    config = config with { Exclude = Globs(v, "exclude", error) };
                    break;
                case "prompts":
                    config = config with { Prompts = Globs(v, "prompts", error) };
                    break;
                case "schemas":
                    config = config with { Schemas = Globs(v, "schemas", error).Select(p => Path.GetFullPath(p, baseDirectory)).ToArray() };
                    break;
                case "fail_level":
                    if (ParseFailLevel(Scalar(v)) is { } level)
                    {
                        config = config with { FailLevel = level.Level };
                    }
                    else
                    {
                        error(v.Start, "fail_level: expected error, warning, note or none");
                    }

                    break;
                case "max_file_bytes":
                    if (long.TryParse(Scalar(v), NumberStyles.Integer, CultureInfo.InvariantCulture, out var bytes) && bytes > 0)
                    {
                        config = config with { MaxFileBytes = bytes };
                    }
                    else
                    {
                        error(v.Start, "max_file_bytes: expected a positive whole number");
                    }

                    break;
                case "max_prompt_chars":
                    if (int.TryParse(Scalar(v), NumberStyles.Integer, CultureInfo.InvariantCulture, out var chars) && chars > 0)
                    {
                        config = config with { MaxPromptChars = chars };
                    }
                    else
                    {
                        error(v.Start, "max_prompt_chars: expected a positive whole number");
                    }

                    break;
                case "follow_symlinks":
                    if (v is DataScalar b && b.AsBoolean() is { } follow)
                    {
                        config = config with { FollowSymlinks = follow };
                    }
                    else
                    {
                        error(v.Start, "follow_symlinks: expected true or false");
                    }

                    break;
                case "rules":
                    config = config with { Rules = ReadRules(v, error) };
                    break;
                default:
                    if (!topLevel)
                    {
                        error(k.Start, $"lint: unknown key '{k.Value}'; expected one of: {string.Join(", ", LintKeys)}");
                    }

                    break;
            }
        }

        return config;
    }

    private static Dictionary<string, RuleSetting> ReadRules(DataNode node, Action<int, string> error)
    {
        var result = new Dictionary<string, RuleSetting>(StringComparer.OrdinalIgnoreCase);
        if (node is not DataMap map)
        {
            error(node.Start, "rules: expected a mapping of rule id to off, on, error, warning or note");
            return result;
        }

        foreach (var (k, v) in map.Entries)
        {
            var rule = RuleCatalog.Find(k.Value) ?? RuleCatalog.All.FirstOrDefault(r => string.Equals(r.Name, k.Value, StringComparison.OrdinalIgnoreCase));
            if (rule is null)
            {
                error(k.Start, $"rules: unknown rule '{k.Value}'; run 'llmsecops lint --list-rules'");
                continue;
            }

            switch (v)
            {
                case DataScalar s when ParseSetting(s.Value) is { } setting:
                    result[rule.Id] = setting;
                    break;
                case DataMap m:
                {
                    var enabled = true;
                    LintSeverity? severity = null;
                    foreach (var (mk, mv) in m.Entries)
                    {
                        if (mk.Value == "enabled" && mv is DataScalar es && es.AsBoolean() is { } e)
                        {
                            enabled = e;
                        }
                        else if (mk.Value == "severity" && mv is DataScalar ss && ParseSeverity(ss.Value) is { } sev)
                        {
                            severity = sev;
                        }
                        else
                        {
                            error(mk.Start, $"rules.{rule.Id}: expected 'enabled: true|false' or 'severity: error|warning|note'");
                        }
                    }

                    result[rule.Id] = new RuleSetting(enabled, severity);
                    break;
                }

                default:
                    error(v.Start, $"rules.{rule.Id}: expected off, on, error, warning or note");
                    break;
            }
        }

        return result;
    }

    private static RuleSetting? ParseSetting(string value) => value.Trim().ToLowerInvariant() switch
    {
        "off" or "false" or "disabled" or "disable" or "no" => new RuleSetting(false, null),
        "on" or "true" or "enabled" or "enable" or "yes" => new RuleSetting(true, null),
        var s when ParseSeverity(s) is { } sev => new RuleSetting(true, sev),
        _ => null,
    };

    /// <summary>Parses error, warning or note.</summary>
    public static LintSeverity? ParseSeverity(string value) => value.Trim().ToLowerInvariant() switch
    {
        "error" => LintSeverity.Error,
        "warning" or "warn" => LintSeverity.Warning,
        "note" or "info" => LintSeverity.Note,
        _ => null,
    };

    /// <summary>Parses error, warning, note or none (never fail).</summary>
    public static (LintSeverity? Level, bool Valid)? ParseFailLevel(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "none" or "never" or "off" => (null, true),
        var s when s is not null && ParseSeverity(s) is { } sev => (sev, true),
        _ => null,
    };

    private static string? Scalar(DataNode node) => (node as DataScalar)?.Value;

    private static string[] Globs(DataNode node, string key, Action<int, string> error)
    {
        switch (node)
        {
            case DataScalar { Kind: ScalarKind.Null }:
                return [];
            case DataScalar s:
                try
                {
                    _ = new Glob(s.Value);
                    return [s.Value];
                }
                catch (ArgumentException ex)
                {
                    error(s.Start, $"{key}: {ex.Message}");
                    return [];
                }

            case DataSequence seq when seq.Items.All(static i => i is DataScalar):
                var list = new List<string>();
                foreach (var item in seq.Items.Cast<DataScalar>())
                {
                    if (item.Value.Length == 0)
                    {
                        continue;
                    }

                    try
                    {
                        _ = new Glob(item.Value);
                        list.Add(item.Value);
                    }
                    catch (ArgumentException ex)
                    {
                        error(item.Start, $"{key}: {ex.Message}");
                    }
                }

                return [.. list];
            default:
                error(node.Start, $"{key}: expected a list of glob patterns");
                return [];
        }
    }
}
