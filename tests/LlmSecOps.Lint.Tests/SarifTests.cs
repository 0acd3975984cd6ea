using System.Text.Json;
using LlmSecOps.Lint.Diagnostics;
using LlmSecOps.Lint.Engine;
using LlmSecOps.Lint.Reporting;
using LlmSecOps.Lint.Tests.Support;
using NJsonSchema;

namespace LlmSecOps.Lint.Tests;

public sealed class SarifTests
{
    [SarifSchemaFact]
    public async Task Sarif_ForBadSamples_ValidatesAgainstSarif210Schema()
    {
        var result = await LintRunner.RunAsync(TestPaths.BadSamples);
        Assert.NotEmpty(result.Findings);
        var sarif = SarifReporter.Write(result, TestPaths.BadSamples, baselineUsed: true);

        var schema = await JsonSchema.FromFileAsync(TestPaths.SarifSchema);
        var errors = schema.Validate(sarif);

        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(static e => $"{e.Path}: {e.Kind}")));
    }

    [SarifSchemaFact]
    public async Task Sarif_WithSuppressionsAndNotices_ValidatesAgainstSarif210Schema()
    {
        using var dir = new TempDir();
        dir.Write("prompts/a.prompt.md", "<!-- llmsecops-ignore LLM002: fixed menu -->\nTell a story about {{ topic }} for children aged five to seven.\n");
        dir.WriteBytes("prompts/blob.prompt.txt", [0x50, 0x00, 0x01, 0x02]);
        var result = await LintRunner.RunAsync(dir.Path);
        Assert.NotEmpty(result.Notices);
        Assert.Contains(result.Findings, static f => f.Suppression is not null);

        var schema = await JsonSchema.FromFileAsync(TestPaths.SarifSchema);
        var errors = schema.Validate(SarifReporter.Write(result, dir.Path, baselineUsed: false));

        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(static e => $"{e.Path}: {e.Kind}")));
    }

    [SarifSchemaFact]
    public async Task SchemaValidation_RejectsABrokenLog()
    {
        // The validator must be able to fail: an unknown level value is not SARIF.
        var result = await LintRunner.RunAsync(TestPaths.BadSamples);
        var sarif = SarifReporter.Write(result, TestPaths.BadSamples, baselineUsed: false).Replace("\"level\": \"error\"", "\"level\": \"fatal\"", StringComparison.Ordinal);

        var schema = await JsonSchema.FromFileAsync(TestPaths.SarifSchema);

        Assert.NotEmpty(schema.Validate(sarif));
    }

    [Fact]
    public async Task Sarif_RulesCarryHelpOwaspTagsAndSecuritySeverity()
    {
        var result = await LintRunner.RunAsync(TestPaths.GoodSamples);
        using var doc = JsonDocument.Parse(SarifReporter.Write(result, TestPaths.GoodSamples, baselineUsed: false));
        var rules = doc.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules");

        Assert.Equal(RuleCatalog.All.Count, rules.GetArrayLength());
        var llm001 = rules.EnumerateArray().Single(static r => r.GetProperty("id").GetString() == "LLM001");
        Assert.Contains("Why it matters", llm001.GetProperty("help").GetProperty("text").GetString(), StringComparison.Ordinal);
        var tags = llm001.GetProperty("properties").GetProperty("tags").EnumerateArray().Select(static t => t.GetString()).ToList();
        Assert.Contains("security", tags);
        Assert.Contains("OWASP-LLM01:2025", tags);
        Assert.Contains("OWASP-LLM07:2025", tags);
        Assert.Equal("8.1", llm001.GetProperty("properties").GetProperty("security-severity").GetString());
    }

    [Fact]
    public async Task Sarif_ResultsHaveRegionsFingerprintsAndRelativeUris()
    {
        var result = await LintRunner.RunAsync(TestPaths.BadSamples);
        using var doc = JsonDocument.Parse(SarifReporter.Write(result, TestPaths.BadSamples, baselineUsed: false));
        var run = doc.RootElement.GetProperty("runs")[0];
        var results = run.GetProperty("results").EnumerateArray().ToList();

        Assert.Equal(result.Findings.Count, results.Count);
        var first = result.Findings.First(static f => f.RuleId == RuleIds.UntrustedInSystemPrompt);
        var sarifResult = results.First(r => r.GetProperty("ruleId").GetString() == first.RuleId);
        var location = sarifResult.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal(first.Path, location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal("%SRCROOT%", location.GetProperty("artifactLocation").GetProperty("uriBaseId").GetString());
        Assert.Equal(first.Line, location.GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Equal(first.Column, location.GetProperty("region").GetProperty("startColumn").GetInt32());
        Assert.Equal(first.Fingerprint, sarifResult.GetProperty("partialFingerprints").GetProperty(SarifReporter.FingerprintKey).GetString());
        Assert.All(results, static r => Assert.Equal(32, r.GetProperty("partialFingerprints").GetProperty(SarifReporter.FingerprintKey).GetString()!.Length));
        Assert.Equal("utf16CodeUnits", run.GetProperty("columnKind").GetString());
    }

    [Fact]
    public async Task Sarif_InlineSuppressionIsInSourceWithJustification()
    {
        var result = await LintRunner.RunAsync(TestPaths.GoodSamples);
        using var doc = JsonDocument.Parse(SarifReporter.Write(result, TestPaths.GoodSamples, baselineUsed: false));
        var suppressed = doc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Single(static r => r.TryGetProperty("suppressions", out _));

        var suppression = suppressed.GetProperty("suppressions")[0];
        Assert.Equal("inSource", suppression.GetProperty("kind").GetString());
        Assert.Contains("fixed menu", suppression.GetProperty("justification").GetString(), StringComparison.Ordinal);
        Assert.Equal(SuppressionKind.Inline, result.Findings.Single(static f => f.Suppression is not null).Suppression!.Kind);
    }
}
