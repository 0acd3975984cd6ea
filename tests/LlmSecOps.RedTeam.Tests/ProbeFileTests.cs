using System.Text;
using LlmSecOps.RedTeam.Configuration;
using LlmSecOps.RedTeam.Probes;
using LlmSecOps.RedTeam.Replay;
using LlmSecOps.RedTeam.Targets;

namespace LlmSecOps.RedTeam.Tests;

/// <summary>Probe files: the shipped library is valid, mistakes are reported with positions, garbage never crashes a parser.</summary>
public sealed class ProbeFileTests
{
    [Fact]
    public void BuiltInLibrary_CoversEveryFamily_WithSeveralProbesAndValidTags()
    {
        var probes = ProbeCatalog.BuiltIn().Probes;
        string[] families = ["injection", "indirect_injection", "prompt_extraction", "jailbreak", "refusal_suppression", "harmful", "sensitive_data",
            "exfiltration", "tool_abuse", "escalation", "adversarial_suffix", "package_hallucination"];
        foreach (var f in families)
        {
            Assert.True(probes.Count(p => p.Family == f) >= 2, "family " + f + " needs several probes");
        }

        Assert.All(probes, p =>
        {
            Assert.NotEmpty(p.Owasp);
            Assert.NotEmpty(p.Atlas);
            Assert.All(p.Owasp, o => Assert.True(Taxonomy.Owasp.ContainsKey(o), o));
            Assert.All(p.Atlas, a => Assert.True(Taxonomy.Atlas.ContainsKey(a), a));
            Assert.StartsWith("builtin:", p.Source, StringComparison.Ordinal);
            Assert.True(p.Line > 0);
        });
        Assert.Equal(probes.Count, probes.Select(p => p.Id).Distinct().Count());
        Assert.Contains(probes, p => p.Prompts.Any(x => x.IsMultiTurn));
        Assert.Contains(probes, p => p.Tools.Count > 0);
        Assert.Contains(probes, p => p.SuffixCount > 0);
        Assert.Contains(probes, p => p.UsesBehaviors);
    }

    [Fact]
    public void Mistakes_AreAllReported_WithFileLineAndColumn()
    {
        const string yaml = """
            probes:
              - id: Bad Id
                family: injection
                intent: x
                owasp: [LLM11:2025]
                atlas: [T0051]
                severity: catastrophic
                prompts: ["say {{markr}}"]
                detectors:
                  - contains: { strngs: [x] }
                  - telepathy
                colour: red
              - id: ok.probe
                family: injection
                prompts: [hi]
            """;
        var ex = Assert.Throws<RedTeamFormatException>(() => ProbeLoader.Parse(yaml, "bad.yaml"));
        var text = string.Join("\n", ex.Errors);
        Assert.Contains("bad.yaml:2:9: id: 'Bad Id'", text, StringComparison.Ordinal);
        Assert.Contains("bad.yaml:5:13: owasp: 'LLM11:2025'", text, StringComparison.Ordinal);
        Assert.Contains("bad.yaml:6:13: atlas: 'T0051'", text, StringComparison.Ordinal);
        Assert.Contains("bad.yaml:7:15: severity:", text, StringComparison.Ordinal);
        Assert.Contains("unknown placeholder {{markr}}", text, StringComparison.Ordinal);
        Assert.Contains("bad.yaml:10:21: contains: unknown key 'strngs'", text, StringComparison.Ordinal);
        Assert.Contains("bad.yaml:11:9: unknown detector 'telepathy'", text, StringComparison.Ordinal);
        Assert.Contains("bad.yaml:12:5: probe: unknown key 'colour'", text, StringComparison.Ordinal);
        Assert.Contains("bad.yaml:13:5: probe: 'intent' is required", text, StringComparison.Ordinal);
        Assert.Contains("bad.yaml:13:5: probe: 'detectors' is required", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_ValidateAndRun_WithABrokenProbeFile_ExitTwoWithPositions()
    {
        var dir = TestPaths.NewTempDir();
        var file = Path.Combine(dir, "broken.yaml");
        await File.WriteAllTextAsync(file, "id: x.y\nfamily: injection\nintent: test\nprompts: [hello]\ndetectors:\n  - regex: { patterns: ['(unclosed'] }\n");
        var validate = await CliRunner.RunAsync(["probe", "validate", file]);
        Assert.Equal(2, validate.Exit);
        Assert.Contains("broken.yaml:6:", validate.Err, StringComparison.Ordinal);
        Assert.Contains("invalid regular expression", validate.Err, StringComparison.Ordinal);

        var run = await CliRunner.RunAsync(["probe", "run", "--target", "http://127.0.0.1:9/v1", "--model", "m", "--probes", file, "--data-dir", dir]);
        Assert.Equal(2, run.Exit);
        Assert.Contains("broken.yaml:6:", run.Err, StringComparison.Ordinal);

        var yamlError = Path.Combine(dir, "syntax.yaml");
        await File.WriteAllTextAsync(yamlError, "id: a\nfamily: [unclosed\n");
        var syntax = await CliRunner.RunAsync(["probe", "validate", yamlError]);
        Assert.Equal(2, syntax.Exit);
        Assert.Matches(@"syntax\.yaml:\d+:\d+: invalid YAML", syntax.Err);

        var sample = await CliRunner.RunAsync(["probe", "validate", Path.Combine(TestPaths.RepoRoot(), "samples", "redteam", "probes")]);
        Assert.True(sample.Exit == 0, sample.Err);
    }

    [Fact]
    public void Parsers_NeverCrash_OnRandomInput()
    {
        var random = new Random(2024);
        string[] fragments = ["id: ", "family: ", "probes:", "\n  - ", "{", "}", "[", "]", ": ", "detectors:", "contains", "{{marker}}", "&a", "*a", "!!binary", "'", "\"", "\t", "|-\n", "- - ", "url: ", "body: ", "response:", "session_id", ",", "\\", "\u0000", "🙂"];
        for (var i = 0; i < 400; i++)
        {
            var sb = new StringBuilder();
            var n = random.Next(0, 40);
            for (var j = 0; j < n; j++)
            {
                sb.Append(random.Next(3) == 0 ? ((char)random.Next(1, 0xFFFF)).ToString() : fragments[random.Next(fragments.Length)]);
            }

            var text = sb.ToString();
            var errors = new List<SourceError>();
            _ = ProbeLoader.Parse(text, "fuzz.yaml", errors);
            Assert.All(errors, e => Assert.Equal("fuzz.yaml", e.Source));
            Expect<RedTeamFormatException>(() => HttpTargetTemplateLoader.Parse(text, "fuzz.yaml", _ => "v"));
            Expect<RedTeamFormatException>(() => CorpusReader.ParseJsonl(text, "fuzz.jsonl"));
            Expect<RedTeamFormatException>(() => CorpusReader.ParseCsv(text, "fuzz.csv", ","));
            Expect<RedTeamFormatException>(() => BehaviorLoader.Parse(text, "fuzz.jsonl", jsonl: true));
        }

        var deep = new string('[', 5000);
        var deepErrors = new List<SourceError>();
        ProbeLoader.Parse(deep, "deep.yaml", deepErrors);
        Assert.NotEmpty(deepErrors);
    }

    private static void Expect<T>(Action action)
        where T : Exception
    {
        try
        {
            action();
        }
        catch (T)
        {
            // The one exception a parser may throw, carrying positions.
        }
    }
}
