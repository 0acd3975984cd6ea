using System.Text.RegularExpressions;
using LlmSecOps.Lint.Diagnostics;
using LlmSecOps.Lint.Tests.Support;

namespace LlmSecOps.Lint.Tests;

/// <summary>
/// The deliberately bad samples produce exactly the findings listed in Samples/bad/EXPECTED.txt
/// (file, line, rule) and nothing else; the good samples produce none.
/// </summary>
public sealed partial class SampleTests
{
    /// <summary>Rules whose findings come from the guard engine's secrets and PII scanners.</summary>
    private static readonly string[] GuardBacked = [RuleIds.SecretInTemplate, RuleIds.HardcodedPii];

    [Fact]
    public async Task BadSamples_EachRuleFiresExactlyWhereExpected()
    {
        var expected = Expected().Where(e => !GuardBacked.Contains(e.Rule)).ToHashSet();
        var result = await LintRunner.RunAsync(TestPaths.BadSamples);
        var actual = result.Active.Where(f => !GuardBacked.Contains(f.RuleId)).Select(f => (f.Path, f.Line, Rule: f.RuleId)).ToHashSet();

        var missing = expected.Except(actual).Select(Format).ToList();
        var unexpected = actual.Except(expected).Select(Format).ToList();
        Assert.True(missing.Count == 0 && unexpected.Count == 0, $"missing: [{string.Join("; ", missing)}] unexpected: [{string.Join("; ", unexpected)}]");
        Assert.Empty(result.Notices);
    }

    [Fact]
    public async Task BadSamples_SecretAndPiiRulesFireWhereExpected()
    {
        // LLM011/LLM012 use the built-in secrets and PII scanners of the guard engine.
        var expected = Expected().Where(e => GuardBacked.Contains(e.Rule)).ToHashSet();
        var result = await LintRunner.RunAsync(TestPaths.BadSamples);
        var actual = result.Active.Where(f => GuardBacked.Contains(f.RuleId)).Select(f => (f.Path, f.Line, Rule: f.RuleId)).ToHashSet();

        Assert.True(expected.SetEquals(actual), $"expected [{string.Join("; ", expected.Select(Format))}] got [{string.Join("; ", actual.Select(Format))}]");
    }

    [Fact]
    public void Manifest_CoversEveryRuleExceptBypassReplay()
    {
        var covered = Expected().Select(static e => e.Rule).ToHashSet(StringComparer.Ordinal);
        var uncovered = RuleCatalog.All.Select(static r => r.Id).Where(id => id != RuleIds.BypassPassesGuard && !covered.Contains(id)).ToList();

        Assert.Empty(uncovered);
        Assert.True(RuleCatalog.All.Count(static r => !r.IsDiagnostic) >= 20);
    }

    [Fact]
    public async Task GoodSamples_HaveNoFindings()
    {
        var result = await LintRunner.RunAsync(TestPaths.GoodSamples);

        Assert.True(!result.Active.Any(), string.Join("\n", result.Active.Select(f => $"{f.Path}:{f.Line} {f.RuleId} {f.Message}")));
        Assert.Empty(result.Notices);
        Assert.True(result.FilesScanned >= 20, $"only {result.FilesScanned} files scanned");
    }

    [Fact]
    public async Task GoodSamples_ExcludedAndUnrelatedFilesAreNotRead()
    {
        var result = await LintRunner.RunAsync(TestPaths.GoodSamples);
        var inline = result.Findings.Where(static f => f.Suppression is not null).ToList();

        // The draft under docs/drafts is excluded by the configuration, README.md is not a prompt.
        Assert.DoesNotContain(result.Findings, static f => f.Path.StartsWith("docs/", StringComparison.Ordinal));
        var suppressed = Assert.Single(inline);
        Assert.Equal(RuleIds.UntrustedUndelimited, suppressed.RuleId);
        Assert.Contains("fixed menu", suppressed.Suppression!.Justification, StringComparison.Ordinal);
    }

    private static string Format((string Path, int Line, string Rule) e) => $"{e.Path}:{e.Line} {e.Rule}";

    private static List<(string Path, int Line, string Rule)> Expected()
    {
        var list = new List<(string, int, string)>();
        foreach (var raw in File.ReadAllLines(Path.Combine(TestPaths.BadSamples, "EXPECTED.txt")))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var m = EntryRegex().Match(line);
            Assert.True(m.Success, $"bad manifest line: {line}");
            list.Add((m.Groups["path"].Value, int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups["rule"].Value));
        }

        return list;
    }

    [GeneratedRegex(@"^(?<path>\S+):(?<line>\d+)\s+(?<rule>LLM\d{3})$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex EntryRegex();
}
