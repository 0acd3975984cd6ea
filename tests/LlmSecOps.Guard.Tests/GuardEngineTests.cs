using LlmSecOps.Core.Policy;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Guard.Redaction;

namespace LlmSecOps.Guard.Tests;

public sealed class GuardEngineTests
{
    private sealed class FixedScanner(params Finding[] findings) : Scanner
    {
        public override string Name => "fixed";

        public override IReadOnlyList<string> Categories => findings.Select(f => f.Category).Distinct().ToArray();

        public override ValueTask<ScanResult> ScanAsync(ScanContext context, CancellationToken cancellationToken) =>
            new ScanResult(findings).AsTask();
    }

    [Fact]
    public async Task ScanAsync_RedactFinding_ReplacesSpanWithTypedPlaceholderAndRestores()
    {
        const string text = "mail bob@example.com now";
        var engine = new GuardEngine(GuardPolicy.Default, [new FixedScanner(new Finding
        {
            Category = FindingCategories.Pii, Rule = "pii.email", Entity = "EMAIL", Span = new TextSpan(5, 15),
        })]);
        var vault = new RedactionVault();

        var result = await engine.ScanAsync(new ScanRequest { Text = text, Vault = vault });

        Assert.Equal(Verdict.Redact, result.Verdict);
        Assert.Equal("mail [EMAIL_1] now", result.Text);
        Assert.Equal("reply to bob@example.com", vault.Restore("reply to [EMAIL_1]"));
    }

    [Fact]
    public async Task ScanAsync_BlockOutranksRedact()
    {
        var engine = new GuardEngine(GuardPolicy.Default, [new FixedScanner(
            new Finding { Category = FindingCategories.Pii, Rule = "pii.email", Span = new TextSpan(0, 1) },
            new Finding { Category = FindingCategories.PromptInjection, Rule = "x", Score = 0.9 })]);

        var result = await engine.ScanAsync(new ScanRequest { Text = "abc" });

        Assert.Equal(Verdict.Block, result.Verdict);
        Assert.Equal("abc", result.Text);
    }

    [Fact]
    public async Task ScanAsync_ScoreUnderThreshold_IsDroppedButScored()
    {
        var engine = new GuardEngine(GuardPolicy.Default, [new FixedScanner(
            new Finding { Category = FindingCategories.PromptInjection, Rule = "weak", Score = 0.3 })]);

        var result = await engine.ScanAsync(new ScanRequest { Text = "abc" });

        Assert.Equal(Verdict.Allow, result.Verdict);
        Assert.Empty(result.Findings);
        Assert.Equal(0.3, result.ScoreOf(FindingCategories.PromptInjection));
    }

    [Fact]
    public async Task ScanAsync_RedactWithoutSpan_FailsClosed()
    {
        var engine = new GuardEngine(GuardPolicy.Default, [new FixedScanner(
            new Finding { Category = FindingCategories.Secret, Rule = "secret.in_base64" })]);

        var result = await engine.ScanAsync(new ScanRequest { Text = "abc" });

        Assert.Equal(Verdict.Block, result.Verdict);
    }

    [Fact]
    public async Task ScanAsync_CategoryOff_SkipsScanner()
    {
        var policy = PolicyLoader.Parse("input: { prompt_injection: off, jailbreak: off }");
        var engine = new GuardEngine(policy, [new FixedScanner(
            new Finding { Category = FindingCategories.PromptInjection, Rule = "x" })]);

        var result = await engine.ScanAsync(new ScanRequest { Text = "abc" });

        Assert.Equal(Verdict.Allow, result.Verdict);
    }

    [Fact]
    public void Redactor_OverlappingSpans_AreMergedIntoOnePlaceholder()
    {
        var vault = new RedactionVault();
        var text = Redactor.Apply("key=AKIAABCDEFGHIJKLMNOP;", [
            new Finding { Category = "secret", Rule = "a", Entity = "AWS_KEY", Span = new TextSpan(4, 20) },
            new Finding { Category = "secret", Rule = "b", Entity = "GENERIC", Span = new TextSpan(0, 10) },
        ], vault);

        Assert.Equal("[AWS_KEY_1];", text);
        Assert.Equal(1, vault.Count);
    }
}
