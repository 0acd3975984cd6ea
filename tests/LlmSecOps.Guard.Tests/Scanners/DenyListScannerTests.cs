using LlmSecOps.Core.Policy;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Guard.Scanners.DenyList;

namespace LlmSecOps.Guard.Tests.Scanners;

public sealed class DenyListScannerTests
{
    private static GuardPolicy Deny(string[]? substrings = null, string[]? regexes = null) =>
        GuardPolicy.Default with { Deny = new DenyListPolicy { Substrings = substrings ?? [], Regexes = regexes ?? [] } };

    [Fact]
    public async Task Substring_MatchesCaseInsensitivelyAndMapsToOriginal()
    {
        var policy = Deny(["Project Falcon"]);
        var scanner = new DenyListScanner(policy);
        const string text = "Tell me about PROJECT FALCON please";

        var f = Assert.Single(await ScannerHarness.ScanAsync(scanner, text, policy: policy));

        Assert.Equal("deny_list.substring", f.Rule);
        Assert.Equal("PROJECT FALCON", ScannerHarness.SpanText(text, f));
        Assert.Equal("DENIED", f.Entity);
    }

    [Fact]
    public async Task Substring_SplitByZeroWidthCharacters_IsStillFound()
    {
        var policy = Deny(["falcon"]);
        var scanner = new DenyListScanner(policy);
        const string text = "about fal\u200Bc\u200Don now";

        var f = Assert.Single(await ScannerHarness.ScanAsync(scanner, text, policy: policy));

        Assert.Equal("fal\u200Bc\u200Don", ScannerHarness.SpanText(text, f));
    }

    [Fact]
    public async Task Substring_EveryOccurrenceIsReported()
    {
        var policy = Deny(["x9"]);
        var scanner = new DenyListScanner(policy);

        var findings = await ScannerHarness.ScanAsync(scanner, "x9 and X9 and x9", policy: policy);

        Assert.Equal(3, findings.Count);
    }

    [Fact]
    public async Task Regex_MatchesOriginalText()
    {
        var policy = Deny(regexes: [@"\bINV-\d{6}\b"]);
        var scanner = new DenyListScanner(policy);
        const string text = "see INV-123456 and INV-12";

        var f = Assert.Single(await ScannerHarness.ScanAsync(scanner, text, policy: policy));

        Assert.Equal("deny_list.regex", f.Rule);
        Assert.Equal("INV-123456", ScannerHarness.SpanText(text, f));
    }

    [Fact]
    public async Task Regex_CatastrophicBacktracking_TimesOutIntoAFailClosedFinding()
    {
        var policy = Deny(regexes: [@"^(a+)+$"]);
        var scanner = new DenyListScanner(policy);
        var text = new string('a', 5000) + "!";

        var f = Assert.Single(await ScannerHarness.ScanAsync(scanner, text, policy: policy));

        Assert.Equal("deny_list.regex_timeout", f.Rule);
        Assert.Null(f.Span);

        var engine = new GuardEngine(policy, [scanner]);
        var result = await engine.ScanAsync(new ScanRequest { Text = text }).AsTask().WaitAsync(ScannerHarness.Timeout);
        Assert.Equal(Verdict.Block, result.Verdict);
    }

    [Fact]
    public void InvalidRegexes_FailAtStartWithEveryError()
    {
        var policy = Deny(regexes: ["(unclosed", "ok", "[z-a]"]);

        var ex = Assert.Throws<PolicyException>(() => new DenyListScanner(policy));

        Assert.Equal(2, ex.Errors.Count);
        Assert.Contains("deny.regexes[0]", ex.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("deny.regexes[2]", ex.Errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RedactAction_ReplacesDeniedText()
    {
        var policy = PolicyLoader.Parse("input: { deny_list: redact }\ndeny: { substrings: [falcon] }");
        var engine = GuardEngine.Create(policy);

        var result = await engine.ScanAsync(new ScanRequest { Text = "the Falcon launch" }).AsTask().WaitAsync(ScannerHarness.Timeout);

        Assert.Equal(Verdict.Redact, result.Verdict);
        Assert.Equal("the [DENIED_1] launch", result.Text);
    }

    [Fact]
    public async Task EmptyDenyList_FindsNothing()
    {
        var scanner = new DenyListScanner(GuardPolicy.Default);

        Assert.Empty(await ScannerHarness.ScanAsync(scanner, "anything at all"));
    }
}
