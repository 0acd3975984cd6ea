using LlmSecOps.Core.Policy;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Guard.Scanners.Length;

namespace LlmSecOps.Guard.Tests.Scanners;

public sealed class LengthScannerTests
{
    private static readonly LengthScanner Scanner = new();

    private static GuardPolicy WithLimits(int inChars = 0, int inTokens = 0, int outChars = 0, int outTokens = 0) =>
        GuardPolicy.Default with
        {
            Limits = new LimitsPolicy { MaxInputChars = inChars, MaxInputTokens = inTokens, MaxOutputChars = outChars, MaxOutputTokens = outTokens },
        };

    [Fact]
    public async Task Input_OverCharacterLimit_IsReported()
    {
        var policy = WithLimits(inChars: 10);

        var over = await ScannerHarness.ScanAsync(Scanner, new string('a', 11), policy: policy);
        var at = await ScannerHarness.ScanAsync(Scanner, new string('a', 10), policy: policy);

        Assert.Equal("length.chars", Assert.Single(over).Rule);
        Assert.Empty(at);
    }

    [Fact]
    public async Task Directions_UseTheirOwnLimits()
    {
        var policy = WithLimits(inChars: 100, outChars: 5);
        const string text = "twenty characters ok";

        Assert.Empty(await ScannerHarness.ScanAsync(Scanner, text, Direction.Input, policy));
        Assert.Single(await ScannerHarness.ScanAsync(Scanner, text, Direction.Output, policy));
        Assert.Empty(await ScannerHarness.ScanAsync(Scanner, text, Direction.RetrievedDocument, policy));
    }

    [Fact]
    public async Task Tokens_OverEstimatedLimit_IsReported()
    {
        var policy = WithLimits(inTokens: 50);
        var text = string.Join(' ', Enumerable.Repeat("word", 60));

        var finding = Assert.Single(await ScannerHarness.ScanAsync(Scanner, text, policy: policy));

        Assert.Equal("length.tokens", finding.Rule);
        Assert.Contains("estimated", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ZeroLimits_MeanNoLimit()
    {
        Assert.Empty(await ScannerHarness.ScanAsync(Scanner, new string('x', 200_000), Direction.Output, WithLimits()));
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("hello", 2)] // 5 chars → 2 by characters; 1 word → 2 by words
    [InlineData("The quick brown fox jumps over the lazy dog.", 12)] // 9 words × 4/3
    [InlineData("abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz", 13)] // one long word: characters / 4
    [InlineData("日本語のテキスト", 8)] // one token per CJK character
    public void Estimate_FollowsTheDocumentedRule(string text, int expected)
    {
        Assert.Equal(expected, TokenEstimator.Estimate(text));
    }

    [Fact]
    public void Estimate_NeverExceedsUpperBound()
    {
        var random = new Random(11);
        for (var i = 0; i < 200; i++)
        {
            var text = Fake.RandomText(random, random.Next(0, 400));
            Assert.True(TokenEstimator.Estimate(text) <= TokenEstimator.UpperBound(text.Length), text);
        }
    }
}
