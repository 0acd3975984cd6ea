using LlmSecOps.Lint.Data;
using LlmSecOps.Lint.Diagnostics;
using LlmSecOps.Lint.Tests.Support;

namespace LlmSecOps.Lint.Tests;

public sealed class DocsTests
{
    [Fact]
    public void LintDoc_DocumentsEveryRuleWithItsOwaspMapping()
    {
        var doc = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "lint.md"));

        foreach (var rule in RuleCatalog.All)
        {
            Assert.Contains($"### {rule.Id} {rule.Name}", doc, StringComparison.Ordinal);
            Assert.Contains(rule.Why, doc, StringComparison.Ordinal);
            foreach (var o in rule.Owasp)
            {
                Assert.Contains($"{o} {OwaspLlm.Title(o)}", doc, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void CiWorkflow_UploadsSarifToCodeScanning()
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "ci", "lint-workflow.yml"));
        var roots = YamlTreeParser.Parse(text, 0, text.Length, out var error);

        Assert.Null(error);
        var steps = ((DataSequence)((DataMap)((DataMap)((DataMap)roots[0]).Get("jobs")!).Get("lint")!).Get("steps")!).Items.Cast<DataMap>().ToList();
        Assert.Contains(steps, static s => s.GetString("uses")?.StartsWith("github/codeql-action/upload-sarif", StringComparison.Ordinal) == true);
        Assert.Contains(steps, static s => s.GetString("run")?.Contains("lint . --format sarif", StringComparison.Ordinal) == true);
        Assert.Equal("write", ((DataMap)((DataMap)roots[0]).Get("permissions")!).GetString("security-events"));
    }
}
