using System.Text;
using System.Text.Json;

namespace LlmSecOps.Cli.Tests;

/// <summary>
/// Seeded random bytes and text through <c>scan</c> with the built-in scanners: the command never
/// throws and only ever exits 0, 1 or 2. Plain text never exits 2 (binary is still text);
/// a bad JSONL line exits 2 naming the line.
/// </summary>
public sealed class ScanRandomInputTests : IDisposable
{
    private const int Cases = 40;
    private const string Punctuation = "\n{}\":\\,[]";
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 3000)];
        random.NextBytes(bytes);

        // Newlines and JSON punctuation make JSONL-shaped garbage likelier.
        for (var i = 0; i < bytes.Length; i += 1 + random.Next(40))
        {
            bytes[i] = (byte)Punctuation[random.Next(Punctuation.Length)];
        }

        return bytes;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task RandomBytes_AsPlainTextFile_ExitsZeroOrOne(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < Cases; i++)
        {
            _cli.WriteFile("random.txt", RandomBytes(random));

            var r = await _cli.RunAsync("scan", "--file", "random.txt", "--format", "json");

            Assert.True(r.ExitCode is 0 or 1, $"case {i}: {r}");
            using var _ = JsonDocument.Parse(r.Out);
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public async Task RandomBytes_AsJsonlFile_ExitsZeroOneOrTwoWithTheLine(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < Cases; i++)
        {
            _cli.WriteFile("random.jsonl", RandomBytes(random));

            var r = await _cli.RunAsync("scan", "--file", "random.jsonl", "--format", "jsonl");

            Assert.True(r.ExitCode is 0 or 1 or 2, $"case {i}: {r}");
            if (r.ExitCode == 2)
            {
                Assert.Matches(@"^error: random\.jsonl:\d+: ", r.Error);
            }
        }
    }

    [Theory]
    [InlineData(5)]
    public async Task RandomJsonlMixingValidAndBrokenLines_ReportsTheFirstBrokenLine(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < Cases; i++)
        {
            var lines = new List<string>();
            var firstBad = 0;
            var count = random.Next(1, 30);
            for (var n = 1; n <= count; n++)
            {
                var text = RandomText(random, random.Next(0, 200));
                if (random.Next(8) == 0)
                {
                    lines.Add("{\"text\": " + JsonSerializer.Serialize(text)[..^1]);
                    firstBad = firstBad == 0 ? n : firstBad;
                }
                else
                {
                    lines.Add(JsonSerializer.Serialize(new { text }));
                }
            }

            _cli.WriteFile("mixed.jsonl", string.Join('\n', lines));

            var r = await _cli.RunAsync("scan", "--file", "mixed.jsonl", "--format", "jsonl");

            if (firstBad > 0)
            {
                Assert.True(r.ExitCode == 2, $"case {i}: {r}");
                Assert.StartsWith($"error: mixed.jsonl:{firstBad}: ", r.Error, StringComparison.Ordinal);
            }
            else
            {
                Assert.True(r.ExitCode is 0 or 1, $"case {i}: {r}");
                Assert.Equal(count, r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
            }
        }
    }

    [Theory]
    [InlineData(6)]
    public async Task RandomText_OnStdin_AndRecorded_ExitsZeroOrOne_AndIsStored(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < Cases / 2; i++)
        {
            var r = await _cli.RunWithInputAsync(RandomText(random, random.Next(0, 2000)), "scan", "--record", "--format", "jsonl");

            Assert.True(r.ExitCode is 0 or 1, $"case {i}: {r}");
        }

        var list = await _cli.RunAsync("events", "export");
        Assert.Equal(Cases / 2, list.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    private static string RandomText(Random random, int length)
    {
        var sb = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            // Any UTF-16 code unit, lone surrogates included.
            sb.Append(random.Next(4) switch
            {
                0 => (char)random.Next(0x20, 0x7F),
                1 => (char)random.Next(0, 0x20),
                2 => (char)random.Next(0xD800, 0xE000),
                _ => (char)random.Next(0x80, 0x10000),
            });
        }

        return sb.ToString();
    }
}
