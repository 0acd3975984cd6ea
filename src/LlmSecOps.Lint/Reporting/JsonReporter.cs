using System.Text.Json;
using LlmSecOps.Core.Serialization;
using LlmSecOps.Lint.Diagnostics;
using LlmSecOps.Lint.Engine;

namespace LlmSecOps.Lint.Reporting;

/// <summary>The JSON report: summary, findings (with OWASP ids and fingerprints) and notices, snake_case like every product output.</summary>
internal static class JsonReporter
{
    public static string Write(LintResult result)
    {
        var active = result.Active.ToList();
        var report = new Report(
            1,
            new Tool(ToolInfo.Name, ToolInfo.Version),
            new Summary(
                result.FilesScanned,
                active.Count(static f => f.Severity == LintSeverity.Error),
                active.Count(static f => f.Severity == LintSeverity.Warning),
                active.Count(static f => f.Severity == LintSeverity.Note),
                result.Findings.Count - active.Count,
                result.Notices.Count,
                Math.Round(result.Elapsed.TotalMilliseconds, 1)),
            result.Findings.Select(static f => new Item(
                f.RuleId,
                f.RuleName,
                f.Severity,
                f.Message,
                f.Path,
                f.Line,
                f.Column,
                f.EndLine,
                f.EndColumn,
                f.Snippet,
                f.Fingerprint,
                RuleCatalog.Get(f.RuleId).Owasp,
                f.Suppression,
                f.Properties)).ToList(),
            result.Notices);
        return JsonSerializer.Serialize(report, JsonDefaults.Indented);
    }

    public static string WriteRules(IEnumerable<LintRule> rules, Config.LintConfig config) =>
        JsonSerializer.Serialize(
            rules.Select(r => new RuleItem(r.Id, r.Name, config.IsEnabled(r.Id) ? config.SeverityOf(r) : null, r.DefaultSeverity, r.Summary, r.Why, r.Fix, r.Owasp.Select(o => new Owasp(o, OwaspLlm.Title(o))).ToList(), r.SecuritySeverity, config.IsEnabled(r.Id))).ToList(),
            JsonDefaults.Indented);

    private sealed record Report(int Version, Tool Tool, Summary Summary, IReadOnlyList<Item> Findings, IReadOnlyList<LintNotice> Notices);

    private sealed record Tool(string Name, string Version);

    private sealed record Summary(int Files, int Errors, int Warnings, int Notes, int Suppressed, int Skipped, double ElapsedMs);

    private sealed record Item(
        string RuleId,
        string RuleName,
        LintSeverity Severity,
        string Message,
        string Path,
        int Line,
        int Column,
        int EndLine,
        int EndColumn,
        string Snippet,
        string Fingerprint,
        IReadOnlyList<string> Owasp,
        LintSuppression? Suppression,
        IReadOnlyDictionary<string, string>? Properties);

    private sealed record RuleItem(string Id, string Name, LintSeverity? Severity, LintSeverity DefaultSeverity, string Summary, string Why, string Fix, IReadOnlyList<Owasp> Owasp, double SecuritySeverity, bool Enabled);

    private sealed record Owasp(string Id, string Title);
}
