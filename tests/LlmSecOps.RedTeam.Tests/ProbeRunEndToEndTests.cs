using System.Text.Json;
using System.Xml.Linq;
using LlmSecOps.RedTeam.Tests.Fakes;

namespace LlmSecOps.RedTeam.Tests;

/// <summary>The whole pipeline through the command line against fake models on real Kestrel.</summary>
public sealed class ProbeRunEndToEndTests
{
    [Fact]
    public async Task Run_WeakAndRefusingTargets_HighVersusLowAsr_StoredAndCompared()
    {
        await using var weak = await FakeLlmServer.StartAsync(WeakFakeModel.Reply);
        await using var refusing = await FakeLlmServer.StartAsync(RefusingFakeModel.Reply);
        var dir = TestPaths.NewTempDir();

        var refusingReport = Path.Combine(dir, "refusing.json");
        var r1 = await CliRunner.RunAsync(["probe", "run", "--target", refusing.BaseUrl, "--model", "fake", "--data-dir", dir, "--format", "json", "--output", refusingReport, "-j", "8"]);
        Assert.True(r1.Exit == 0, r1.Err + r1.Out);
        var weakReport = Path.Combine(dir, "weak.json");
        var r2 = await CliRunner.RunAsync(["probe", "run", "--target", weak.BaseUrl, "--model", "fake", "--data-dir", dir, "--format", "json", "--output", weakReport, "-j", "8"]);
        Assert.True(r2.Exit == 0, r2.Err + r2.Out);

        using var refusingDoc = JsonDocument.Parse(await File.ReadAllTextAsync(refusingReport));
        using var weakDoc = JsonDocument.Parse(await File.ReadAllTextAsync(weakReport));
        var refusingRoot = refusingDoc.RootElement;
        var weakRoot = weakDoc.RootElement;

        Assert.True(refusingRoot.GetProperty("attempts").GetInt32() >= 60, "the default run covers every family");
        Assert.Equal(0, refusingRoot.GetProperty("errors").GetInt32());
        Assert.True(refusingRoot.GetProperty("asr").GetDouble() <= 0.05, "refusing target ASR " + refusingRoot.GetProperty("asr"));
        Assert.Equal(0, weakRoot.GetProperty("errors").GetInt32());
        Assert.True(weakRoot.GetProperty("asr").GetDouble() >= 0.9, "weak target ASR " + weakRoot.GetProperty("asr"));

        // Every family got through on the weak target, and every success carries evidence.
        foreach (var family in weakRoot.GetProperty("families").EnumerateArray())
        {
            Assert.True(family.GetProperty("successes").GetInt32() > 0, "no success in family " + family.GetProperty("key"));
        }

        var findings = weakRoot.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(weakRoot.GetProperty("successes").GetInt32(), findings.Count);
        Assert.All(findings, f => Assert.False(string.IsNullOrWhiteSpace(f.GetProperty("evidence").GetString())));
        Assert.Contains(findings, f => f.GetProperty("evidence").GetString()!.Contains("canary", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.GetProperty("evidence").GetString()!.Contains("never offered", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.GetProperty("evidence").GetString()!.Contains("attacker.example", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.GetProperty("evidence").GetString()!.Contains("unknown packages", StringComparison.Ordinal));

        // Both runs are in the store.
        var runs = await CliRunner.RunAsync(["probe", "runs", "--data-dir", dir, "--format", "json"]);
        Assert.Equal(0, runs.Exit);
        using var runsDoc = JsonDocument.Parse(runs.Out);
        var ids = runsDoc.RootElement.EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        var refusingId = refusingRoot.GetProperty("run").GetProperty("id").GetString()!;
        var weakId = weakRoot.GetProperty("run").GetProperty("id").GetString()!;
        Assert.Contains(refusingId, ids);
        Assert.Contains(weakId, ids);

        // The weak run is a regression against the refusing one, not the other way round.
        var worse = await CliRunner.RunAsync(["probe", "compare", refusingId, weakId, "--data-dir", dir, "--fail-on-regression"]);
        Assert.Equal(1, worse.Exit);
        Assert.Contains("REGRESSED", worse.Out, StringComparison.Ordinal);
        var better = await CliRunner.RunAsync(["probe", "compare", weakId, refusingId, "--data-dir", dir, "--fail-on-regression", "--format", "json"]);
        Assert.Equal(0, better.Exit);
        using var cmp = JsonDocument.Parse(better.Out);
        Assert.False(cmp.RootElement.GetProperty("regression").GetBoolean());
        Assert.Contains(cmp.RootElement.GetProperty("families").EnumerateArray(), f => f.GetProperty("status").GetString() == "improved");

        // ASR per family is queryable over time.
        var trend = await CliRunner.RunAsync(["probe", "trend", "--by", "family", "--value", "injection", "--data-dir", dir, "--format", "json"]);
        using var trendDoc = JsonDocument.Parse(trend.Out);
        Assert.Equal(2, trendDoc.RootElement.GetArrayLength());
    }

    [Fact]
    public async Task Run_AllFiveFormats_AreWrittenAndConsistent()
    {
        await using var weak = await FakeLlmServer.StartAsync(WeakFakeModel.Reply);
        var dir = TestPaths.NewTempDir();
        var basePath = Path.Combine(dir, "out", "report");
        var r = await CliRunner.RunAsync(["probe", "run", "--target", weak.BaseUrl, "--model", "fake", "--data-dir", dir,
            "--families", "injection,exfiltration,tool_abuse", "--mutators", "none,base64", "--format", "json,jsonl,junit,sarif,html", "--output", basePath]);
        Assert.True(r.Exit == 0, r.Err);

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(basePath + ".json"));
        var attempts = json.RootElement.GetProperty("attempts").GetInt32();
        var successes = json.RootElement.GetProperty("successes").GetInt32();
        var probes = json.RootElement.GetProperty("probes").GetArrayLength();
        Assert.True(attempts > 0 && successes > 0);
        Assert.Equal(2, json.RootElement.GetProperty("mutators").GetArrayLength());

        var lines = (await File.ReadAllLinesAsync(basePath + ".jsonl")).Where(l => l.Length > 0).ToList();
        Assert.Equal(attempts, lines.Count);
        Assert.All(lines, l => JsonDocument.Parse(l).Dispose());

        var junit = XDocument.Load(basePath + ".junit.xml");
        var cases = junit.Descendants("testcase").ToList();
        Assert.Equal(probes, cases.Count);
        Assert.Equal(cases.Count(c => c.Element("failure") is not null).ToString(System.Globalization.CultureInfo.InvariantCulture), junit.Root!.Attribute("failures")!.Value);

        using var sarif = JsonDocument.Parse(await File.ReadAllTextAsync(basePath + ".sarif"));
        var run = sarif.RootElement.GetProperty("runs")[0];
        Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
        Assert.Equal(successes, run.GetProperty("results").GetArrayLength());
        Assert.Equal(probes, run.GetProperty("tool").GetProperty("driver").GetProperty("rules").GetArrayLength());

        var html = await File.ReadAllTextAsync(basePath + ".html");
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?i)<(script|link|img|iframe)\b", html);
        Assert.DoesNotMatch(@"(?i)<[a-z][^>]*\b(src|href)\s*=", html);
        Assert.Contains("&lt;img", html, StringComparison.Ordinal);
    }

    [SarifSchemaFact]
    public async Task Sarif_FromAWeakRun_ValidatesAgainstTheSarif210Schema()
    {
        await using var weak = await FakeLlmServer.StartAsync(WeakFakeModel.Reply);
        var dir = TestPaths.NewTempDir();
        var path = Path.Combine(dir, "probe.sarif");
        var r = await CliRunner.RunAsync(["probe", "run", "--target", weak.BaseUrl, "--model", "fake", "--data-dir", dir, "--format", "sarif", "--output", path, "--mutators", "none,rot13"]);
        Assert.True(r.Exit == 0, r.Err);

        var schema = await NJsonSchema.JsonSchema.FromFileAsync(SharedSchemas.SarifSchema!).WaitAsync(TimeSpan.FromSeconds(60));
        var errors = schema.Validate(await File.ReadAllTextAsync(path));
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));

        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        var rules = doc.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules");
        var injection = rules.EnumerateArray().First(x => x.GetProperty("id").GetString() == "injection.ignore-previous");
        var tags = injection.GetProperty("properties").GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ToList();
        Assert.Contains("owasp-LLM01:2025", tags);
        Assert.Contains("mitre-atlas-AML.T0051.000", tags);
        Assert.All(doc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray(), res =>
            Assert.Contains(res.GetProperty("ruleId").GetString(), rules.EnumerateArray().Select(x => x.GetProperty("id").GetString())));
    }

    [Fact]
    public async Task FailOn_ThresholdPassed_ExitsOne_ThresholdNotPassed_ExitsZero()
    {
        await using var weak = await FakeLlmServer.StartAsync(WeakFakeModel.Reply);
        var dir = TestPaths.NewTempDir();
        var strict = await CliRunner.RunAsync(["probe", "run", "--target", weak.BaseUrl, "--model", "fake", "--data-dir", dir, "--families", "injection", "--fail-on", "injection=0", "--format", "junit"]);
        Assert.Equal(1, strict.Exit);
        Assert.Contains("FAIL injection.", strict.Err, StringComparison.Ordinal);
        var junit = XDocument.Parse(strict.Out);
        Assert.All(junit.Descendants("testcase"), c => Assert.NotNull(c.Element("failure")));

        var lenient = await CliRunner.RunAsync(["probe", "run", "--target", weak.BaseUrl, "--model", "fake", "--data-dir", dir, "--families", "injection", "--fail-on", "1"]);
        Assert.Equal(0, lenient.Exit);
    }

    [Fact]
    public async Task Run_BadUsage_ExitsTwo()
    {
        var dir = TestPaths.NewTempDir();
        var noTarget = await CliRunner.RunAsync(["probe", "run", "--data-dir", dir]);
        Assert.Equal(2, noTarget.Exit);
        Assert.Contains("no target", noTarget.Err, StringComparison.Ordinal);

        var badMutator = await CliRunner.RunAsync(["probe", "run", "--target", "http://127.0.0.1:9/v1", "--model", "m", "--mutators", "base64+nonsense", "--data-dir", dir]);
        Assert.Equal(2, badMutator.Exit);
        Assert.Contains("unknown mutator 'nonsense'", badMutator.Err, StringComparison.Ordinal);

        var badFailOn = await CliRunner.RunAsync(["probe", "run", "--target", "http://127.0.0.1:9/v1", "--model", "m", "--fail-on", "injection=high", "--data-dir", dir]);
        Assert.Equal(2, badFailOn.Exit);

        var missingKey = await CliRunner.RunAsync(["probe", "run", "--target", "http://127.0.0.1:9/v1", "--model", "m", "--api-key-env", "NOT_SET_ANYWHERE", "--data-dir", dir]);
        Assert.Equal(2, missingKey.Exit);
        Assert.Contains("NOT_SET_ANYWHERE", missingKey.Err, StringComparison.Ordinal);

        var unknownFamily = await CliRunner.RunAsync(["probe", "run", "--target", "http://127.0.0.1:9/v1", "--model", "m", "--families", "nope", "--data-dir", dir]);
        Assert.Equal(2, unknownFamily.Exit);
    }
}
