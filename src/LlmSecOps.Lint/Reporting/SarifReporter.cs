using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LlmSecOps.Lint.Diagnostics;
using LlmSecOps.Lint.Engine;

namespace LlmSecOps.Lint.Reporting;

/// <summary>
/// SARIF 2.1.0 for code-scanning services: every rule with its help text, OWASP tags and
/// <c>security-severity</c>; every result with a region, a snippet and a partial fingerprint; inline
/// suppressions as <c>inSource</c> and baseline entries as <c>external</c> suppressions, with
/// <c>baselineState</c> when a baseline was used; skipped files as tool notifications.
/// </summary>
internal static class SarifReporter
{
    public const string FingerprintKey = "llmsecops/v1";

    public static string Write(LintResult result, string root, bool baselineUsed)
    {
        var rules = RuleCatalog.All;
        var ruleIndex = rules.Select((r, i) => (r.Id, i)).ToDictionary(static x => x.Id, static x => x.i, StringComparer.Ordinal);
        var rulesJson = new JsonArray();
        foreach (var rule in rules)
        {
            rulesJson.Add(RuleJson(rule, result.Config));
        }

        var results = new JsonArray();
        foreach (var f in result.Findings)
        {
            results.Add(ResultJson(f, ruleIndex[f.RuleId], baselineUsed));
        }

        var notifications = new JsonArray();
        foreach (var n in result.Notices)
        {
            notifications.Add(new JsonObject
            {
                ["level"] = "note",
                ["message"] = new JsonObject { ["text"] = $"{n.Path}: {n.Message}" },
                ["locations"] = new JsonArray(new JsonObject
                {
                    ["physicalLocation"] = new JsonObject { ["artifactLocation"] = Artifact(n.Path) },
                }),
                ["properties"] = new JsonObject { ["kind"] = n.Kind },
            });
        }

        var rootUri = new Uri(Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar).AbsoluteUri;
        var invocation = new JsonObject { ["executionSuccessful"] = true };
        if (notifications.Count > 0)
        {
            invocation["toolExecutionNotifications"] = notifications;
        }

        var sarif = new JsonObject
        {
            ["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json",
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(new JsonObject
            {
                ["tool"] = new JsonObject
                {
                    ["driver"] = new JsonObject
                    {
                        ["name"] = ToolInfo.Name,
                        ["fullName"] = "LLMSecOps prompt and LLM configuration linter",
                        ["version"] = ToolInfo.Version,
                        ["semanticVersion"] = ToolInfo.Version,
                        ["rules"] = rulesJson,
                    },
                },
                ["invocations"] = new JsonArray(invocation),
                ["originalUriBaseIds"] = new JsonObject { ["%SRCROOT%"] = new JsonObject { ["uri"] = rootUri } },
                ["columnKind"] = "utf16CodeUnits",
                ["results"] = results,
            }),
        };
        return sarif.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private static JsonObject RuleJson(LintRule rule, Config.LintConfig config)
    {
        var tags = new JsonArray("security");
        foreach (var o in rule.Owasp)
        {
            tags.Add($"OWASP-{o}");
            tags.Add($"external/owasp-llm-top-10/{o}");
        }

        var help = $"{rule.Summary}\n\nWhy it matters: {rule.Why}\n\nHow to fix: {rule.Fix}";
        var owaspText = rule.Owasp.Count == 0 ? string.Empty : "\n\nOWASP Top 10 for LLM Applications 2025: " + string.Join(", ", rule.Owasp.Select(o => $"{o} {OwaspLlm.Title(o)}"));
        var markdown = $"**{rule.Summary}**\n\n**Why it matters.** {rule.Why}\n\n**How to fix.** {rule.Fix}" +
            (rule.Owasp.Count == 0 ? string.Empty : "\n\n**OWASP Top 10 for LLM Applications 2025:** " + string.Join(", ", rule.Owasp.Select(o => $"{o} {OwaspLlm.Title(o)}")));
        var json = new JsonObject
        {
            ["id"] = rule.Id,
            ["name"] = ToPascal(rule.Name),
            ["shortDescription"] = new JsonObject { ["text"] = rule.Summary },
            ["fullDescription"] = new JsonObject { ["text"] = rule.Why },
            ["help"] = new JsonObject { ["text"] = help + owaspText, ["markdown"] = markdown },
            ["defaultConfiguration"] = new JsonObject
            {
                ["level"] = Level(config.SeverityOf(rule)),
                ["enabled"] = config.IsEnabled(rule.Id),
            },
            ["properties"] = new JsonObject
            {
                ["tags"] = tags,
                ["security-severity"] = rule.SecuritySeverity.ToString("0.0", CultureInfo.InvariantCulture),
                ["precision"] = rule.SecuritySeverity >= 7 ? "high" : "medium",
                ["problem.severity"] = Level(rule.DefaultSeverity) == "note" ? "recommendation" : Level(rule.DefaultSeverity),
            },
        };
        return json;
    }

    private static JsonObject ResultJson(LintFinding f, int ruleIndex, bool baselineUsed)
    {
        var region = new JsonObject
        {
            ["startLine"] = f.Line,
            ["startColumn"] = f.Column,
            ["endLine"] = f.EndLine,
            ["endColumn"] = Math.Max(f.EndColumn, f.EndLine == f.Line ? f.Column + 1 : 1),
        };
        if (f.Snippet.Length > 0)
        {
            region["snippet"] = new JsonObject { ["text"] = f.Snippet };
        }

        var json = new JsonObject
        {
            ["ruleId"] = f.RuleId,
            ["ruleIndex"] = ruleIndex,
            ["level"] = Level(f.Severity),
            ["message"] = new JsonObject { ["text"] = f.Message },
            ["locations"] = new JsonArray(new JsonObject
            {
                ["physicalLocation"] = new JsonObject
                {
                    ["artifactLocation"] = Artifact(f.Path),
                    ["region"] = region,
                },
            }),
            ["partialFingerprints"] = new JsonObject { [FingerprintKey] = f.Fingerprint },
        };
        if (f.Suppression is { } s)
        {
            json["suppressions"] = new JsonArray(new JsonObject
            {
                ["kind"] = s.Kind == SuppressionKind.Inline ? "inSource" : "external",
                ["justification"] = s.Justification,
            });
        }

        if (baselineUsed)
        {
            json["baselineState"] = f.Suppression?.Kind == SuppressionKind.Baseline ? "unchanged" : "new";
        }

        if (f.Properties is { Count: > 0 } props)
        {
            var p = new JsonObject();
            foreach (var (k, v) in props)
            {
                p[k] = v;
            }

            json["properties"] = p;
        }

        return json;
    }

    private static JsonObject Artifact(string path) => new()
    {
        ["uri"] = string.Join('/', path.Split('/').Select(Uri.EscapeDataString)),
        ["uriBaseId"] = "%SRCROOT%",
    };

    private static string Level(LintSeverity s) => s switch
    {
        LintSeverity.Error => "error",
        LintSeverity.Warning => "warning",
        _ => "note",
    };

    private static string ToPascal(string kebab) =>
        string.Concat(kebab.Split('-', StringSplitOptions.RemoveEmptyEntries).Select(static w => char.ToUpperInvariant(w[0]) + w[1..]));
}
