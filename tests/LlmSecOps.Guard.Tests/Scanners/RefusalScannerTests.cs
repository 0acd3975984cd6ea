using LlmSecOps.Core.Scanning;
using LlmSecOps.Guard.Scanners.Refusal;

namespace LlmSecOps.Guard.Tests.Scanners;

public sealed class RefusalScannerTests
{
    private static readonly RefusalScanner Scanner = new();

    private static Task<IReadOnlyList<Finding>> ScanAsync(string text) => ScannerHarness.ScanAsync(Scanner, text, Direction.Output);

    [Theory]
    [InlineData("I'm sorry, but I can't help with that request.", "en")]
    [InlineData("I’m sorry, but I can’t help with that.", "en")]
    [InlineData("As an AI language model, I cannot provide instructions for that.", "en")]
    [InlineData("Es tut mir leid, aber dabei kann ich nicht helfen.", "de")]
    [InlineData("Je suis désolé, mais je ne peux pas vous aider avec cela.", "fr")]
    [InlineData("Lo siento, pero no puedo ayudarte con eso.", "es")]
    [InlineData("Desculpe, mas não posso ajudar com isso.", "pt")]
    [InlineData("Mi dispiace, ma non posso aiutarti con questa richiesta.", "it")]
    [InlineData("Het spijt me, maar ik kan je daar niet mee helpen.", "nl")]
    [InlineData("Извините, но я не могу помочь с этим запросом.", "ru")]
    [InlineData("很抱歉，我无法帮助你完成这个请求。", "zh")]
    [InlineData("申し訳ありませんが、そのご依頼にはお手伝いできません。", "ja")]
    [InlineData("죄송하지만 그 요청은 도와드릴 수 없습니다.", "ko")]
    public async Task Refusals_InManyLanguages_AreDetected(string text, string language)
    {
        var f = Assert.Single(await ScanAsync(text));

        Assert.Equal("refusal.detected", f.Rule);
        Assert.Equal(FindingCategories.Refusal, f.Category);
        Assert.True(f.Score >= 0.85, $"{f.Score}");
        Assert.Contains($"lang:{language}", f.Explanation!);
    }

    [Theory]
    [InlineData("The capital of France is Paris.")]
    [InlineData("I can help with that! Here is the recipe you asked for.")]
    [InlineData("Sorry for the delay — here are the numbers you wanted.")]
    [InlineData("The metals kit ships with a guide; the canals kind of flood in spring.")]
    [InlineData("Die Hauptstadt von Frankreich ist Paris.")]
    [InlineData("巴黎是法国的首都。")]
    public async Task OrdinaryAnswers_AreNotRefusals(string text)
    {
        Assert.DoesNotContain(await ScanAsync(text), f => f.Score >= 0.5);
    }

    [Fact]
    public async Task ApologyAlone_ScoresLowerThanAnExplicitRefusal()
    {
        var weak = Assert.Single(await ScanAsync("I'm sorry, but the store closes at five."));
        var strong = Assert.Single(await ScanAsync("I'm sorry, but I cannot help with that."));

        Assert.True(weak.Score < strong.Score);
    }

    [Fact]
    public async Task Engine_LogsRefusalsWithoutChangingTheVerdict()
    {
        var engine = GuardEngine.Create();

        var result = await engine.ScanAsync(new ScanRequest { Direction = Direction.Output, Text = "I can't help with that." })
            .AsTask().WaitAsync(ScannerHarness.Timeout);

        Assert.Equal(Verdict.Allow, result.Verdict);
        var f = Assert.Single(result.Findings);
        Assert.Equal(PolicyAction.Log, f.Action);
    }

    [Fact]
    public void InputDirection_IsNotScanned() => Assert.False(Scanner.Supports(Direction.Input));
}
