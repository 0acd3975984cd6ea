using System.Globalization;
using System.Reflection;
using System.Text.Json;
using LlmSecOps.Core.Scanning;
using LlmSecOps.RedTeam.Probes;
using LlmSecOps.RedTeam.Running;
using LlmSecOps.RedTeam.Storage;

namespace LlmSecOps.RedTeam.Reporting;

/// <summary>
/// SARIF 2.1.0: one rule per probe (OWASP and ATLAS ids as tags and properties, a
/// <c>security-severity</c> for code-scanning views) and one result per successful attack,
/// located at the probe's definition and fingerprinted by attempt id so repeated runs update the
/// same alert instead of adding new ones.
/// </summary>
internal static class SarifReportWriter
{
    private const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    public static void Write(RunReport report, Stream stream)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var ruleIds = report.ByProbe.Select(r => r.Key).ToList();
        var ruleIndex = ruleIds.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i, StringComparer.Ordinal);

        w.WriteStartObject();
        w.WriteString("$schema", SchemaUri);
        w.WriteString("version", "2.1.0");
        w.WriteStartArray("runs");
        w.WriteStartObject();

        w.WriteStartObject("tool");
        w.WriteStartObject("driver");
        w.WriteString("name", "llmsecops");
        w.WriteString("fullName", "LLMSecOps probe");
        w.WriteString("semanticVersion", Version());
        w.WriteString("informationUri", "https://owasp.org/www-project-top-10-for-large-language-model-applications/");
        w.WriteStartArray("rules");
        foreach (var id in ruleIds)
        {
            WriteRule(w, report.Probe(id));
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();

        w.WriteStartObject("automationDetails");
        w.WriteString("id", $"llmsecops/probe/{report.Run.Id}");
        w.WriteEndObject();

        w.WriteStartObject("originalUriBaseIds");
        w.WriteStartObject("PROBES");
        w.WriteStartObject("description");
        w.WriteString("text", "Where probe definitions live: the repository for user probes, the product for built-in ones (builtin/…).");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();

        w.WriteStartArray("invocations");
        w.WriteStartObject();
        w.WriteBoolean("executionSuccessful", report.Run.Status is RunStatus.Completed);
        w.WriteString("startTimeUtc", report.Run.StartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        if (report.Run.FinishedAt is { } finished)
        {
            w.WriteString("endTimeUtc", finished.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        }

        w.WriteEndObject();
        w.WriteEndArray();

        w.WriteStartArray("results");
        foreach (var a in report.Successes)
        {
            WriteResult(w, report, a, ruleIndex[a.ProbeId]);
        }

        w.WriteEndArray();

        w.WriteStartObject("properties");
        w.WriteString("runId", report.Run.Id);
        w.WriteString("target", report.Run.Target);
        w.WriteNumber("attempts", report.Total.Attempts);
        w.WriteNumber("successes", report.Total.Successes);
        w.WriteNumber("blocked", report.Total.Blocked);
        w.WriteNumber("errors", report.Total.Errors);
        w.WriteNumber("asr", report.Total.Asr);
        w.WriteEndObject();

        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteRule(Utf8JsonWriter w, ProbeInfo p)
    {
        w.WriteStartObject();
        w.WriteString("id", p.Id);
        w.WriteString("name", RuleName(p.Id));
        w.WriteStartObject("shortDescription");
        w.WriteString("text", p.Title);
        w.WriteEndObject();
        w.WriteStartObject("fullDescription");
        w.WriteString("text", p.Intent.Length > 0 ? p.Intent : p.Title);
        w.WriteEndObject();
        var help = $"{p.Intent}{(p.Expected is { Length: > 0 } e ? " Counts as a successful attack when: " + e : string.Empty)}{(p.Description is { Length: > 0 } d ? " " + d : string.Empty)}";
        w.WriteStartObject("help");
        w.WriteString("text", help.Trim());
        w.WriteString("markdown", HelpMarkdown(p));
        w.WriteEndObject();
        w.WriteStartObject("defaultConfiguration");
        w.WriteString("level", Level(p.Severity));
        w.WriteEndObject();
        w.WriteStartObject("properties");
        w.WriteStartArray("tags");
        w.WriteStringValue("security");
        w.WriteStringValue("llm");
        w.WriteStringValue(p.Family);
        foreach (var o in p.Owasp)
        {
            w.WriteStringValue("owasp-" + o);
        }

        foreach (var a in p.Atlas)
        {
            w.WriteStringValue("mitre-atlas-" + a);
        }

        w.WriteEndArray();
        w.WriteString("security-severity", SecuritySeverity(p.Severity));
        w.WriteString("family", p.Family);
        w.WriteStartArray("owasp");
        foreach (var o in p.Owasp)
        {
            w.WriteStringValue(Taxonomy.DescribeOwasp(o));
        }

        w.WriteEndArray();
        w.WriteStartArray("atlas");
        foreach (var a in p.Atlas)
        {
            w.WriteStringValue(Taxonomy.DescribeAtlas(a));
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter w, RunReport report, AttemptResult a, int ruleIndex)
    {
        var p = report.Probe(a.ProbeId);
        w.WriteStartObject();
        w.WriteString("ruleId", a.ProbeId);
        w.WriteNumber("ruleIndex", ruleIndex);
        w.WriteString("kind", "fail");
        w.WriteString("level", Level(p.Severity));
        w.WriteStartObject("message");
        w.WriteString("text", $"Attack succeeded against {report.Run.Target} (mutator {a.Mutator}, prompt {a.PromptKey}): {a.Evidence ?? "detectors fired"}");
        w.WriteEndObject();
        w.WriteStartArray("locations");
        w.WriteStartObject();
        w.WriteStartObject("physicalLocation");
        w.WriteStartObject("artifactLocation");
        var (uri, baseId) = ArtifactUri(p.Source);
        w.WriteString("uri", uri);
        if (baseId is not null)
        {
            w.WriteString("uriBaseId", baseId);
        }

        w.WriteEndObject();
        if (p.Line > 0)
        {
            w.WriteStartObject("region");
            w.WriteNumber("startLine", p.Line);
            w.WriteNumber("startColumn", Math.Max(1, p.Column));
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteStartArray("logicalLocations");
        w.WriteStartObject();
        w.WriteString("name", a.ProbeId);
        w.WriteString("fullyQualifiedName", $"{a.Family}/{a.ProbeId}/{a.PromptKey}/{a.Mutator}");
        w.WriteString("kind", "test");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartObject("partialFingerprints");
        w.WriteString("llmsecopsAttempt/v1", a.AttemptId);
        w.WriteEndObject();
        w.WriteStartObject("properties");
        w.WriteString("attemptId", a.AttemptId);
        w.WriteString("family", a.Family);
        w.WriteString("mutator", a.Mutator);
        w.WriteString("promptKey", a.PromptKey);
        w.WriteString("target", a.Target);
        w.WriteNumber("score", a.Score);
        w.WriteString("prompt", Clip(a.Prompt, 4000));
        w.WriteString("response", Clip(a.Response, 4000));
        w.WriteStartArray("detectors");
        foreach (var d in a.Detectors)
        {
            w.WriteStartObject();
            w.WriteString("name", d.Name);
            w.WriteNumber("score", d.Score);
            w.WriteBoolean("fired", d.Fired);
            if (d.Evidence is not null)
            {
                w.WriteString("evidence", d.Evidence);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>Where a probe lives: a relative file path for user probes, <c>builtin/…</c> under PROBES for shipped ones.</summary>
    internal static (string Uri, string? BaseId) ArtifactUri(string source)
    {
        if (source.StartsWith("builtin:", StringComparison.Ordinal))
        {
            return ("builtin/probes/" + source["builtin:".Length..], "PROBES");
        }

        if (source.StartsWith("replay:", StringComparison.Ordinal))
        {
            source = source["replay:".Length..];
        }

        var path = source;
        if (Path.IsPathRooted(path))
        {
            var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
            path = relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
        }

        path = path.Replace('\\', '/');
        if (Path.IsPathRooted(path))
        {
            return (new Uri(path).AbsoluteUri, null);
        }

        return (string.Join('/', path.Split('/').Select(Uri.EscapeDataString)), null);
    }

    private static string HelpMarkdown(ProbeInfo p)
    {
        var lines = new List<string> { $"**{p.Title}** ({p.Family})", string.Empty, p.Intent };
        if (p.Expected is { Length: > 0 } e)
        {
            lines.Add(string.Empty);
            lines.Add("Counts as a successful attack when: " + e);
        }

        if (p.Owasp.Count > 0)
        {
            lines.Add(string.Empty);
            lines.Add("OWASP Top 10 for LLM Applications 2025: " + string.Join(", ", p.Owasp.Select(Taxonomy.DescribeOwasp)));
        }

        if (p.Atlas.Count > 0)
        {
            lines.Add(string.Empty);
            lines.Add("MITRE ATLAS: " + string.Join(", ", p.Atlas.Select(Taxonomy.DescribeAtlas)));
        }

        return string.Join('\n', lines);
    }

    private static string RuleName(string id)
    {
        var parts = id.Split(['.', '-', '_'], StringSplitOptions.RemoveEmptyEntries);
        return string.Concat(parts.Select(s => char.ToUpperInvariant(s[0]) + s[1..]));
    }

    private static string Level(Severity s) => s switch
    {
        Severity.Critical or Severity.High => "error",
        Severity.Medium => "warning",
        _ => "note",
    };

    private static string SecuritySeverity(Severity s) => s switch
    {
        Severity.Critical => "9.5",
        Severity.High => "8.0",
        Severity.Medium => "5.5",
        Severity.Low => "3.0",
        _ => "1.0",
    };

    private static string Version() =>
        typeof(SarifReportWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.1.0";

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..max] + "…";
}
