using System.Text;
using LlmSecOps.Core.Policy;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Guard.Scanners;
using LlmSecOps.Guard.Text;

namespace LlmSecOps.Guard.Tests.Scanners;

/// <summary>Seeded random inputs: nothing throws, every span lies inside the text, maps stay exact.</summary>
public sealed class RandomInputTests
{
    private const int Cases = 300;

    // Words attacks are made of, so the random texts also exercise the rule matcher and decoder.
    private static readonly string[] Words =
    [
        "ignore", "previous", "instructions", "system", "prompt", "reveal", "you", "are", "now", "DAN", "developer", "mode", "no",
        "longer", "bound", "never", "refuse", "<|im_start|>", "[INST]", "###", "%%%", "END", "=", "SGVsbG8gd29ybGQ=", "&#73;", "%49",
        "\\x49", "1gn0r3", "i g n", "Ігнор", "忽略", "指令", "이전", "تجاهل", "\u200B", "\u202E", "\uFE0F", "\U000E0041", "😀", "a", "the",
    ];

    public static TheoryData<string> Generators => ["ascii", "bmp", "surrogates", "utf8-bytes", "latin1-bytes", "words"];

    [Theory]
    [MemberData(nameof(Generators))]
    public async Task Scanners_RandomInput_NeverThrowAndSpansStayInside(string generator)
    {
        var random = new Random(20241123 + generator.Length);
        var engine = GuardEngine.Create();
        var invisible = new InvisibleTextScanner();
        var injection = new PromptInjectionScanner();
        for (var i = 0; i < Cases; i++)
        {
            var text = Generate(generator, random, random.Next(0, 1500));

            var result = await engine.ScanAsync(new ScanRequest { Text = text }).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            foreach (var f in result.Findings)
            {
                AssertInside(text, f);
            }

            var context = new ScanContext { Text = text, Direction = Direction.Input, Policy = GuardPolicy.Default };
            foreach (var scanner in new Scanner[] { invisible, injection })
            {
                var direct = await scanner.ScanAsync(context, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
                foreach (var f in direct.Findings)
                {
                    AssertInside(text, f);
                    Assert.InRange(f.Score, 0, 1);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Generators))]
    public void Normalize_RandomInput_MapIsExact(string generator)
    {
        var random = new Random(7 + generator.Length);
        for (var i = 0; i < Cases; i++)
        {
            var text = Generate(generator, random, random.Next(0, 800));

            var (normalized, map) = TextNormalizer.Normalize(text);

            Assert.Equal(normalized.Length, map.Length);
            for (var k = 0; k < map.Length; k++)
            {
                Assert.InRange(map[k], 0, text.Length - 1);
                Assert.True(k == 0 || map[k] >= map[k - 1]);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Generators))]
    public void DecodeAll_RandomInput_PayloadsAreInsideAndBounded(string generator)
    {
        var random = new Random(99 + generator.Length);
        for (var i = 0; i < Cases; i++)
        {
            var text = Generate(generator, random, random.Next(0, 1500));

            var payloads = PayloadDecoder.DecodeAll(text);

            Assert.True(payloads.Count <= PayloadDecoderLimits.Default.MaxPayloads);
            foreach (var p in payloads)
            {
                Assert.InRange(p.Source.Start, 0, text.Length);
                Assert.InRange(p.Source.End, p.Source.Start, text.Length);
                Assert.InRange(p.Encodings.Count, 1, PayloadDecoderLimits.Default.MaxDepth);
            }
        }
    }

    [Fact]
    public async Task Scanners_RandomEncodedAttacks_AreFound()
    {
        // Random wrappers around an attack: the attack must survive any of them.
        var random = new Random(5);
        var engine = GuardEngine.Create();
        for (var i = 0; i < 60; i++)
        {
            var text = InjectionCorpus.DoneMeansAttack;
            var layers = random.Next(1, 4);
            for (var l = 0; l < layers; l++)
            {
                text = random.Next(3) switch
                {
                    0 => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)),
                    1 => Convert.ToHexString(Encoding.UTF8.GetBytes(text)).ToLowerInvariant(),
                    _ => Uri.EscapeDataString(text),
                };
            }

            var wrapped = Generate("ascii", random, random.Next(0, 200)) + " " + text + " " + Generate("ascii", random, random.Next(0, 200));
            var result = await engine.ScanAsync(new ScanRequest { Text = wrapped }).AsTask().WaitAsync(TimeSpan.FromSeconds(30));

            Assert.True(result.Verdict == Verdict.Block, $"missed: {wrapped}");
        }
    }

    private static void AssertInside(string text, Finding f)
    {
        Assert.False(string.IsNullOrEmpty(f.Rule));
        if (f.Span is { } span)
        {
            Assert.InRange(span.Start, 0, text.Length);
            Assert.InRange(span.End, span.Start, text.Length);
        }
    }

    private static string Generate(string generator, Random random, int length)
    {
        switch (generator)
        {
            case "ascii":
                return new string([.. Enumerable.Range(0, length).Select(_ => (char)random.Next(32, 127))]);
            case "bmp":
                return new string([.. Enumerable.Range(0, length).Select(_ =>
                {
                    var c = (char)random.Next(0, 0xFFFF);
                    return char.IsSurrogate(c) ? 'x' : c;
                })]);
            case "surrogates":
                // Paired, unpaired and reversed surrogates, mixed with text.
                return new string([.. Enumerable.Range(0, length).Select(_ => random.Next(4) switch
                {
                    0 => (char)random.Next(0xD800, 0xDC00),
                    1 => (char)random.Next(0xDC00, 0xE000),
                    2 => (char)random.Next(0xE000, 0x10000),
                    _ => (char)random.Next(32, 0x800),
                })]);
            case "utf8-bytes":
                {
                    var bytes = new byte[length];
                    random.NextBytes(bytes);
                    return Encoding.UTF8.GetString(bytes);
                }

            case "latin1-bytes":
                {
                    var bytes = new byte[length];
                    random.NextBytes(bytes);
                    return Encoding.Latin1.GetString(bytes);
                }

            default:
                {
                    var sb = new StringBuilder();
                    while (sb.Length < length)
                    {
                        sb.Append(Words[random.Next(Words.Length)]);
                        sb.Append(random.Next(5) switch { 0 => "", 1 => "\n", 2 => ".", _ => " " });
                    }

                    return sb.ToString();
                }
        }
    }
}
