using LlmSecOps.Lint.Diagnostics;
using LlmSecOps.Lint.Engine;
using LlmSecOps.Lint.Tests.Support;

namespace LlmSecOps.Lint.Tests;

public sealed class SuppressionTests
{
    [Fact]
    public async Task TrailingComment_SuppressesOnlyItsOwnLine()
    {
        using var dir = new TempDir();
        dir.Write("app.py", """
            from openai import OpenAI
            client = OpenAI()
            a = client.chat.completions.create(model="gpt-4o", messages=[])  # llmsecops-ignore LLM022: pinned by the deployment
            b = client.chat.completions.create(model="gpt-4o", messages=[])
            """);

        var result = await LintRunner.RunAsync(dir.Path);
        var findings = result.Findings.Where(static f => f.RuleId == RuleIds.UnpinnedModel).ToList();

        Assert.Equal(2, findings.Count);
        Assert.Equal(SuppressionKind.Inline, findings.Single(static f => f.Line == 3).Suppression?.Kind);
        Assert.Null(findings.Single(static f => f.Line == 4).Suppression);
    }

    [Fact]
    public async Task CommentLine_SuppressesTheNextLineWithContent_AndSeveralRules()
    {
        using var dir = new TempDir();
        dir.Write("prompts/p.prompt.md", "<!-- llmsecops-ignore LLM002, LLM003: the review is shown to staff only -->\n\nSummarize the following customer review in two sentences for the product team please.\n{{ review }}\n");

        var result = await LintRunner.RunAsync(dir.Path);

        // Both findings sit on line 4; the comment on line 1 reaches the first content line (3) only.
        Assert.All(result.Findings.Where(static f => f.Line == 4), static f => Assert.Null(f.Suppression));
        Assert.Contains(result.Findings, static f => f.RuleId == RuleIds.UnusedSuppression && f.Line == 1);
    }

    [Fact]
    public async Task FileLevelSuppression_CoversTheWholeFile()
    {
        using var dir = new TempDir();
        dir.Write("prompts/p.prompt.md", "{# llmsecops-ignore-file LLM002: generated from a reviewed catalogue #}\nDescribe {{ a }} briefly.\nDescribe {{ b }} briefly.\n");

        var result = await LintRunner.RunAsync(dir.Path);

        Assert.Equal(2, result.Findings.Count(static f => f.RuleId == RuleIds.UntrustedUndelimited && f.Suppression is not null));
        Assert.DoesNotContain(result.Active, static f => f.RuleId == RuleIds.UntrustedUndelimited);
    }

    [Theory]
    [InlineData("# llmsecops-ignore LLM022", "gives no reason")]
    [InlineData("# llmsecops-ignore LLM999: typo", "unknown rule LLM999")]
    [InlineData("# llmsecops-ignore: forgot the rule", "names no rule")]
    public async Task BadSuppression_IsReportedAndNotApplied(string comment, string message)
    {
        using var dir = new TempDir();
        dir.Write("app.py", $"from openai import OpenAI\nclient = OpenAI()\n{comment}\nr = client.chat.completions.create(model=\"gpt-4o\", messages=[])\n");

        var result = await LintRunner.RunAsync(dir.Path);

        var problem = Assert.Single(result.Findings, static f => f.RuleId == RuleIds.SuppressionWithoutReason);
        Assert.Equal(3, problem.Line);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
        Assert.Null(result.Findings.Single(static f => f.RuleId == RuleIds.UnpinnedModel).Suppression);
    }

    [Fact]
    public async Task DisabledRule_DoesNotMakeItsSuppressionUnused()
    {
        using var dir = new TempDir();
        dir.Write("app.py", "from openai import OpenAI\nclient = OpenAI()\n# llmsecops-ignore LLM022: pinned elsewhere\nr = client.chat.completions.create(model=\"gpt-4o\", messages=[])\n");
        dir.Write(".llmsecops.yaml", "lint:\n  rules: { LLM022: off }\n");

        var result = await LintRunner.RunAsync(dir.Path);

        Assert.Empty(result.Findings);
    }
}
