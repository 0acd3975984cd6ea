using System.Text.Json;
using LlmSecOps.Lint.Diagnostics;
using LlmSecOps.Lint.Tests.Support;

namespace LlmSecOps.Lint.Tests;

public sealed class CliTests
{
    [Fact]
    public async Task Lint_BadSamples_ExitsOneWithFileLineColumnAndCaret()
    {
        var (exit, stdout, _) = await CliRunner.RunAsync(TestPaths.BadSamples, "lint");

        Assert.Equal(1, exit);
        Assert.Contains("prompts/system_interpolation.prompty:17:68: error LLM001 untrusted variable 'user_name' is interpolated into the system prompt", stdout, StringComparison.Ordinal);
        Assert.Contains("  17 | You are the support assistant for Acme routers. You are talking to {{user_name}}.", stdout, StringComparison.Ordinal);
        Assert.Contains("     |" + new string(' ', 68) + "^~~~~~~~~~~~", stdout, StringComparison.Ordinal);
        Assert.Matches(@"\d+ errors, \d+ warnings, \d+ notes in \d+ files", stdout);
    }

    [Fact]
    public async Task Lint_GoodSamples_ExitsZero()
    {
        var (exit, stdout, stderr) = await CliRunner.RunAsync(TestPaths.GoodSamples, "lint");

        Assert.Equal(0, exit);
        Assert.StartsWith("no findings in ", stdout, StringComparison.Ordinal);
        Assert.Equal(string.Empty, stderr);
    }

    [Theory]
    [InlineData("error", 0)]
    [InlineData("warning", 1)]
    [InlineData("note", 1)]
    [InlineData("none", 0)]
    public async Task FailLevel_DecidesExitCode(string level, int expected)
    {
        using var dir = new TempDir();
        // One warning (LLM002) and one note (LLM003), no error.
        dir.Write("prompts/a.prompt.md", "Summarize the following customer review in two sentences for the product team please.\n{{ review }}\n");

        var (exit, _, _) = await CliRunner.RunAsync(dir.Path, "lint", "--fail-level", level);

        Assert.Equal(expected, exit);
    }

    [Fact]
    public async Task FailLevel_FromConfig_AndCommandLineWins()
    {
        using var dir = new TempDir();
        dir.Write(".llmsecops.yaml", "lint:\n  fail_level: warning\n");
        dir.Write("prompts/a.prompt.md", "Summarize the following customer review in two sentences for the product team please.\n{{ review }}\n");

        Assert.Equal(1, (await CliRunner.RunAsync(dir.Path, "lint")).Exit);
        Assert.Equal(0, (await CliRunner.RunAsync(dir.Path, "lint", "--fail-level", "error")).Exit);
    }

    [Theory]
    [InlineData("lint", "--format", "yaml")]
    [InlineData("lint", "--fail-level", "fatal")]
    [InlineData("lint", "does-not-exist")]
    [InlineData("lint", "--no-such-option")]
    [InlineData("lint", "--baseline", "missing-baseline.json")]
    [InlineData("lint", "--bypass-corpus", "missing-corpus.txt")]
    [InlineData("lint", "--jobs", "0")]
    public async Task BadUsage_ExitsTwo(params string[] args)
    {
        using var dir = new TempDir();

        var (exit, _, stderr) = await CliRunner.RunAsync(dir.Path, args);

        Assert.Equal(2, exit);
        Assert.Contains("error", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadConfig_ExitsTwoListingEveryProblemWithPosition()
    {
        using var dir = new TempDir();
        dir.Write(".llmsecops.yaml", "lint:\n  exclud: [x]\n  rules:\n    LLM999: off\n    LLM002: loud\n  fail_level: fatal\n");

        var (exit, _, stderr) = await CliRunner.RunAsync(dir.Path, "lint");

        Assert.Equal(2, exit);
        Assert.Contains(".llmsecops.yaml:2:3: lint: unknown key 'exclud'", stderr, StringComparison.Ordinal);
        Assert.Contains(":4:5: rules: unknown rule 'LLM999'", stderr, StringComparison.Ordinal);
        Assert.Contains(":5:13: rules.LLM002: expected off, on, error, warning or note", stderr, StringComparison.Ordinal);
        Assert.Contains(":6:15: fail_level: expected error, warning, note or none", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListRules_Table_ListsEveryRuleWithOwasp()
    {
        var (exit, stdout, _) = await CliRunner.RunAsync(TestPaths.GoodSamples, "lint", "--list-rules");

        Assert.Equal(0, exit);
        foreach (var rule in RuleCatalog.All)
        {
            Assert.Contains(rule.Id + "  ", stdout, StringComparison.Ordinal);
        }

        Assert.Contains("LLM01,LLM07", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListRules_Json_HasDescriptionWhyFixAndOwaspTitles()
    {
        var (exit, stdout, _) = await CliRunner.RunAsync(TestPaths.GoodSamples, "lint", "--list-rules", "--format", "json");

        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(RuleCatalog.All.Count, doc.RootElement.GetArrayLength());
        foreach (var rule in doc.RootElement.EnumerateArray())
        {
            Assert.False(string.IsNullOrWhiteSpace(rule.GetProperty("summary").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(rule.GetProperty("why").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(rule.GetProperty("fix").GetString()));
        }

        var llm005 = doc.RootElement.EnumerateArray().Single(static r => r.GetProperty("id").GetString() == "LLM005");
        Assert.Equal("Prompt Injection", llm005.GetProperty("owasp")[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task ListRules_ShowsConfiguredOverrides()
    {
        using var dir = new TempDir();
        dir.Write(".llmsecops.yaml", "lint:\n  rules:\n    LLM003: off\n    unpinned-model-version: error\n");

        var (_, stdout, _) = await CliRunner.RunAsync(dir.Path, "lint", "--list-rules");

        Assert.Matches(@"LLM003\s+off", stdout);
        Assert.Matches(@"LLM022\s+error", stdout);
    }

    [Fact]
    public async Task Json_Output_HasSummaryFindingsAndNotices()
    {
        using var dir = new TempDir();
        dir.Write("prompts/a.prompt.md", "Summarize the following customer review in two sentences for the product team please.\n{{ review }}\n");
        dir.WriteBytes("prompts/b.prompt.txt", [1, 0, 2]);

        var (exit, stdout, _) = await CliRunner.RunAsync(dir.Path, "lint", "--format", "json");

        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal(1, root.GetProperty("summary").GetProperty("warnings").GetInt32());
        Assert.Equal(1, root.GetProperty("summary").GetProperty("notes").GetInt32());
        var finding = root.GetProperty("findings").EnumerateArray().First(static f => f.GetProperty("rule_id").GetString() == "LLM002");
        Assert.Equal("prompts/a.prompt.md", finding.GetProperty("path").GetString());
        Assert.Equal(2, finding.GetProperty("line").GetInt32());
        Assert.Equal("warning", finding.GetProperty("severity").GetString());
        Assert.Equal("LLM01:2025", finding.GetProperty("owasp")[0].GetString());
        Assert.Equal("binary", root.GetProperty("notices")[0].GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Output_WritesReportToFileAndSummaryToStdout()
    {
        using var dir = new TempDir();
        dir.Write("prompts/a.prompt.md", "Summarize the following customer review in two sentences for the product team please.\n{{ review }}\n");

        var (exit, stdout, _) = await CliRunner.RunAsync(dir.Path, "lint", "--format", "sarif", "-o", "out/report.sarif");

        Assert.Equal(0, exit);
        Assert.Contains("1 warning", stdout, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "out", "report.sarif")));
        Assert.Equal("2.1.0", doc.RootElement.GetProperty("version").GetString());
    }

    [Fact]
    public async Task Baseline_AcceptsExistingFindings_AndSurvivesLineShifts()
    {
        using var dir = new TempDir();
        dir.CopyFrom(TestPaths.BadSamples);
        Assert.Equal(1, (await CliRunner.RunAsync(dir.Path, "lint")).Exit);

        var (writeExit, writeOut, _) = await CliRunner.RunAsync(dir.Path, "lint", "--write-baseline", "lint-baseline.json");
        Assert.Equal(0, writeExit);
        Assert.Matches(@"wrote \d+ findings to lint-baseline.json", writeOut);

        // Lines inserted above every finding move them; the fingerprints must not change.
        foreach (var file in new[] { "prompts/summarize.prompt.md", "app/chat_service.py", "dotnet/SupportBot.cs", "configs/agent.yaml" })
        {
            var path = Path.Combine(dir.Path, file);
            var prefix = file.EndsWith(".py", StringComparison.Ordinal) || file.EndsWith(".yaml", StringComparison.Ordinal) ? "# moved\n# down\n" : file.EndsWith(".cs", StringComparison.Ordinal) ? "// moved\n// down\n" : "\n\n";
            File.WriteAllText(path, prefix + File.ReadAllText(path));
        }

        var (exit, stdout, _) = await CliRunner.RunAsync(dir.Path, "lint", "--baseline", "lint-baseline.json");
        Assert.Equal(0, exit);
        Assert.StartsWith("no findings", stdout, StringComparison.Ordinal);
        Assert.Contains("in baseline", stdout, StringComparison.Ordinal);

        // A new finding is not covered by the baseline.
        File.AppendAllText(Path.Combine(dir.Path, "prompts/summarize.prompt.md"), "\nAlso answer this: {{ follow_up }}\nThanks.\n");
        var (newExit, newOut, _) = await CliRunner.RunAsync(dir.Path, "lint", "--baseline", "lint-baseline.json", "--fail-level", "warning");
        Assert.Equal(1, newExit);
        Assert.Contains("'follow_up'", newOut, StringComparison.Ordinal);
        Assert.DoesNotContain("'text'", newOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Baseline_Sarif_MarksBaselineStateAndExternalSuppression()
    {
        using var dir = new TempDir();
        dir.Write("prompts/a.prompt.md", "Summarize the following customer review in two sentences for the product team please.\n{{ review }}\n");
        await CliRunner.RunAsync(dir.Path, "lint", "--write-baseline", "b.json");
        dir.Write("prompts/c.prompt.md", "Rewrite the complaint below politely and keep every fact in it unchanged.\n{{ complaint }}\nUse plain words.\n");

        var (_, stdout, _) = await CliRunner.RunAsync(dir.Path, "lint", "--baseline", "b.json", "--format", "sarif");

        using var doc = JsonDocument.Parse(stdout);
        var results = doc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        var old = results.Single(r => r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString() == "prompts/a.prompt.md" && r.GetProperty("ruleId").GetString() == "LLM002");
        Assert.Equal("unchanged", old.GetProperty("baselineState").GetString());
        Assert.Equal("external", old.GetProperty("suppressions")[0].GetProperty("kind").GetString());
        var fresh = results.Single(r => r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString() == "prompts/c.prompt.md");
        Assert.Equal("new", fresh.GetProperty("baselineState").GetString());
    }

    [Fact]
    public async Task Config_RuleOverrides_DisableAndChangeSeverity()
    {
        using var dir = new TempDir();
        dir.Write("prompts/a.prompt.md", "Summarize the following customer review in two sentences for the product team please.\n{{ review }}\n");
        dir.Write(".llmsecops.yaml", "lint:\n  rules:\n    LLM003: off\n    LLM002: { severity: error }\n");

        var (exit, stdout, _) = await CliRunner.RunAsync(dir.Path, "lint");

        Assert.Equal(1, exit);
        Assert.Contains("error LLM002", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("LLM003", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_IncludeExcludeAndPromptGlobs()
    {
        using var dir = new TempDir();
        dir.Write("docs/guide.md", "Explain {{ topic }}.\n");
        dir.Write("ai/templates/welcome.md", "Greet the new customer by their first name and mention the welcome offer.\n{{ first_name }}\n");
        dir.Write("legacy/old.prompt.md", "Say {{ anything }}\n");
        dir.Write(".llmsecops.yaml", "lint:\n  prompts: [\"ai/templates/*.md\"]\n  exclude: [\"legacy/\"]\n");

        var (_, stdout, _) = await CliRunner.RunAsync(dir.Path, "lint", "--fail-level", "none");

        Assert.Contains("ai/templates/welcome.md:2:1: warning LLM002", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("docs/guide.md", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("legacy/", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExplicitFile_IsLintedEvenWithoutAPromptName()
    {
        using var dir = new TempDir();
        dir.Write("notes.md", "Rewrite the text below in plain English for a general audience, please.\n{{ text }}\n");

        var (_, stdout, _) = await CliRunner.RunAsync(dir.Path, "lint", "notes.md", "--fail-level", "none");

        Assert.Contains("notes.md:2:1: warning LLM002", stdout, StringComparison.Ordinal);
    }
}
