using System.Text;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Guard.Scanners.Canary;
using LlmSecOps.Guard.Text;

namespace LlmSecOps.Guard.Tests.Scanners;

public sealed class CanaryScannerTests
{
    private static readonly CanaryScanner Scanner = new();
    private static readonly string Canary = "cnry-" + Fake.Chars(Fake.LowerAlnumChars, 12);

    private static Task<IReadOnlyList<Finding>> ScanAsync(string text) =>
        ScannerHarness.ScanAsync(Scanner, text, Direction.Output, canaries: [Canary]);

    [Fact]
    public async Task Verbatim_IsALeakOnItsSpan()
    {
        var text = $"Sure! The hidden marker is {Canary}.";

        var f = Assert.Single(await ScanAsync(text));

        Assert.Equal("canary.leak", f.Rule);
        Assert.Equal(FindingCategories.CanaryLeak, f.Category);
        Assert.Equal("CANARY", f.Entity);
        Assert.Equal(Canary, ScannerHarness.SpanText(text, f));
        Assert.Equal(1.0, f.Score);
        Assert.DoesNotContain(Canary, f.Evidence!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpperCased_IsALeak()
    {
        Assert.Single(await ScanAsync("marker: " + Canary.ToUpperInvariant()));
    }

    [Fact]
    public async Task SplitByZeroWidthCharacters_IsALeak()
    {
        var split = string.Join('\u200B', Canary.ToCharArray());
        var text = "marker: " + split + " done";

        var f = Assert.Single(await ScanAsync(text));

        Assert.Equal(split, ScannerHarness.SpanText(text, f));
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("-")]
    [InlineData(". ")]
    public async Task WithSeparatorsInserted_IsALeak(string separator)
    {
        var spaced = string.Join(separator, Canary.ToCharArray());
        var text = "here: " + spaced + " end";

        var f = Assert.Single(await ScanAsync(text));

        Assert.Contains("separated", f.Explanation!);
        Assert.StartsWith(Canary[..1], ScannerHarness.SpanText(text, f), StringComparison.Ordinal);
        Assert.EndsWith(Canary[^1..], ScannerHarness.SpanText(text, f), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reversed_IsALeak()
    {
        var reversed = new string(Canary.Reverse().ToArray());

        var f = Assert.Single(await ScanAsync("backwards " + reversed));

        Assert.Contains("reversed", f.Explanation!);
    }

    [Fact]
    public async Task AbsentOrOnlyAPrefix_IsNotALeak()
    {
        Assert.Empty(await ScanAsync("The capital of France is Paris."));
        Assert.Empty(await ScanAsync("partial " + Canary[..6]));
    }

    [Fact]
    public void InputDirection_IsNotScanned()
    {
        Assert.False(Scanner.Supports(Direction.Input));
        Assert.True(Scanner.Supports(Direction.Output));
        Assert.True(Scanner.Supports(Direction.ToolCall));
    }

    [Fact]
    public async Task ShortCanaries_AreIgnored()
    {
        Assert.Empty(await ScannerHarness.ScanAsync(Scanner, "the cat sat", Direction.Output, canaries: ["cat"]));
    }

    [Fact]
    public async Task Engine_BlocksACanaryLeakByDefault()
    {
        var engine = GuardEngine.Create();

        var plain = await engine.ScanAsync(new ScanRequest { Direction = Direction.Output, Text = "ok " + Canary, Canaries = [Canary] })
            .AsTask().WaitAsync(ScannerHarness.Timeout);

        Assert.Equal(Verdict.Block, plain.Verdict);
        Assert.Contains(FindingCategories.CanaryLeak, plain.BlockingCategories);
    }

    [Fact]
    public void FindDecoded_CanaryInsideBase64_IsReportedOnTheEncodedSpan()
    {
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes("marker=" + Canary));
        var source = new TextSpan(4, encoded.Length);
        List<Finding>? findings = null;

        CanaryScanner.FindDecoded([new DecodedPayload("marker=" + Canary, ["base64"], source)], Canary, Canary.Replace("-", string.Empty, StringComparison.Ordinal), ref findings);

        var f = Assert.Single(findings!);
        Assert.Equal(source, f.Span);
        Assert.Equal(["base64"], f.Encodings);
        Assert.Contains("encoded:base64", f.Explanation!);
    }
}
