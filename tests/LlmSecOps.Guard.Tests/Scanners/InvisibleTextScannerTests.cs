using LlmSecOps.Core.Policy;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Guard.Scanners;

namespace LlmSecOps.Guard.Tests.Scanners;

public sealed class InvisibleTextScannerTests
{
    private static async Task<IReadOnlyList<Finding>> ScanAsync(string text)
    {
        var context = new ScanContext { Text = text, Direction = Direction.Input, Policy = GuardPolicy.Default };
        var result = await new InvisibleTextScanner().ScanAsync(context, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        return result.Findings;
    }

    private static void AssertNoRawInvisible(string? evidence)
    {
        Assert.NotNull(evidence);
        Assert.DoesNotContain(evidence, c => c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or (>= '\u202A' and <= '\u202E')
            or (>= '\u2066' and <= '\u2069') or (>= '\uFE00' and <= '\uFE0F') || char.IsSurrogate(c));
    }

    [Fact]
    public async Task ScanAsync_TagCharacters_ReportsHiddenTextAsCodePoints()
    {
        var text = InjectionCorpus.TagSmuggle("Have a nice day", "Hi");

        var finding = Assert.Single(await ScanAsync(text));

        Assert.Equal("invisible.tag_characters", finding.Rule);
        Assert.Equal(FindingCategories.InvisibleText, finding.Category);
        Assert.Equal(new TextSpan(15, 4), finding.Span);
        Assert.Equal("U+E0048 U+E0069", finding.Evidence);
        Assert.Contains("\"Hi\"", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScanAsync_LongTagRun_EvidenceIsShortened()
    {
        var text = InjectionCorpus.TagSmuggle("x", new string('A', 40));

        var finding = Assert.Single(await ScanAsync(text));

        Assert.EndsWith("(40 code points)", finding.Evidence, StringComparison.Ordinal);
        AssertNoRawInvisible(finding.Evidence);
    }

    [Fact]
    public async Task ScanAsync_BidiOverride_IsReported()
    {
        const string text = "access = \u202Euser\u202C admin";

        var findings = await ScanAsync(text);

        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal("invisible.bidi_control", f.Rule));
        Assert.Equal("U+202E", findings[0].Evidence);
        Assert.Equal(new TextSpan(9, 1), findings[0].Span);
    }

    [Theory]
    [InlineData("pass\u200B\u200Bword")]
    [InlineData("Ig\u200Bnore")]
    [InlineData("a\u2060b")]
    [InlineData("end.\u200B\u200C\u200D\u200B")]
    public async Task ScanAsync_ZeroWidthRunsOrInsideWords_AreReported(string text)
    {
        var findings = await ScanAsync(text);

        var finding = Assert.Single(findings);
        Assert.Equal("invisible.zero_width", finding.Rule);
        AssertNoRawInvisible(finding.Evidence);
        Assert.StartsWith("U+", finding.Evidence, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\uFEFFHello, a file that starts with a byte order mark")]
    [InlineData("family: 👨\u200D👩\u200D👧")]
    [InlineData("Persian: می\u200Cخواهم")]
    [InlineData("I ❤\uFE0F this")]
    [InlineData("plain text with nothing hidden")]
    [InlineData("Hebrew \u200Fשלום\u200F is fine")]
    public async Task ScanAsync_OrdinaryUses_AreNotReported(string text) => Assert.Empty(await ScanAsync(text));

    [Fact]
    public async Task ScanAsync_VariationSelectorRun_IsReported()
    {
        var text = "😀" + string.Concat(Enumerable.Range(0, 10).Select(i => char.ConvertFromUtf32(0xE0100 + i)));

        var finding = Assert.Single(await ScanAsync(text));

        Assert.Equal("invisible.variation_selectors", finding.Rule);
        Assert.True(finding.Score >= 0.8);
        AssertNoRawInvisible(finding.Evidence);
    }

    [Fact]
    public async Task GuardEngine_HarmlessVisibleTextWithHiddenCharacters_IsFlagged()
    {
        var engine = GuardEngine.Create();

        var result = await engine.ScanAsync(new ScanRequest { Text = "Have a great day!\u200B\u200B\u200B" }).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(Verdict.Flag, result.Verdict);
        Assert.Contains(result.Findings, f => f.Category == FindingCategories.InvisibleText);
    }

    [Fact]
    public async Task ScanAsync_ManyRuns_FindingCountIsBounded()
    {
        var text = string.Concat(Enumerable.Repeat("w\u200Bw ", 10_000));

        var findings = await ScanAsync(text);

        Assert.InRange(findings.Count, 1, 32);
    }
}
