using System.Text;
using LlmSecOps.Core.Events;
using LlmSecOps.Server.Gateway;
using LlmSecOps.Server.Gateway.Streaming;

namespace LlmSecOps.Server.Tests.Streaming;

public sealed class StreamingPartsTests
{
    [Fact]
    public async Task SseReader_ReadsEventsAcrossLineEndingsCommentsAndMultiLineData()
    {
        var text = ": comment\r\ndata: {\"a\":1}\r\n\r\nevent: x\ndata: line1\ndata: line2\n\nid: 3\nretry: 10\ndata\n\ndata: [DONE]\n\n";
        await using var reader = new SseReader(new MemoryStream(Encoding.UTF8.GetBytes(text)));
        var events = new List<string>();
        while (await reader.ReadAsync(CancellationToken.None))
        {
            events.Add(Encoding.UTF8.GetString(reader.Data));
        }

        Assert.Equal(["{\"a\":1}", "line1\nline2", "", "[DONE]"], events);
    }

    [Fact]
    public async Task SseReader_LineOverLimit_Throws()
    {
        var text = "data: " + new string('x', 5000) + "\n\n";
        await using var reader = new SseReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), maxLine: 1024, maxEvent: 1024);

        await Assert.ThrowsAsync<SseFormatException>(async () => await reader.ReadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task SseReader_RandomBytes_NeverThrowsAnythingElse()
    {
        var random = new Random(42);
        for (var i = 0; i < 300; i++)
        {
            var bytes = new byte[random.Next(0, 3000)];
            random.NextBytes(bytes);
            for (var k = 0; k < bytes.Length; k += random.Next(1, 40))
            {
                bytes[k] = (byte)"\n\r:data "[random.Next(8)];
            }

            await using var reader = new SseReader(new MemoryStream(bytes), maxLine: 512, maxEvent: 1024);
            try
            {
                while (await reader.ReadAsync(CancellationToken.None))
                {
                    Assert.True(reader.Data.Length <= 1024);
                }
            }
            catch (SseFormatException)
            {
            }
        }
    }

    [Fact]
    public void PromptLeakTracker_CountsReappearingFiveGrams()
    {
        const string system = "one two three four five six seven eight nine ten";
        var tracker = PromptLeakTracker.Create(system, 0.5)!;

        // Fed in pieces that cut words in half: 3 of the 6 five-grams reappear.
        Assert.False(tracker.Feed("unrelated words then One Two thr"));
        Assert.False(tracker.Feed("ee four five si"));
        Assert.True(tracker.Feed("x seven, and more"));
        Assert.Equal(0.5, tracker.Fraction, 6);
    }

    [Fact]
    public void PromptLeakTracker_ShortPrompt_IsNotTracked() =>
        Assert.Null(PromptLeakTracker.Create("Be nice.", 0.4));

    [Fact]
    public void Entropy_UniformOverK_IsLnK()
    {
        var top = Enumerable.Range(0, 4).Select(i => new TopLogProb("t" + i, Math.Log(0.1))).ToList();

        Assert.Equal(Math.Log(4), LogprobsCollector.Entropy("t0", Math.Log(0.1), top), 9);
    }

    [Fact]
    public void Entropy_ChosenMissingFromTop_IsAdded()
    {
        var top = new List<TopLogProb> { new("a", Math.Log(0.5)) };

        Assert.Equal(Math.Log(2), LogprobsCollector.Entropy("b", Math.Log(0.5), top), 9);
    }

    [Fact]
    public void Entropy_Certain_IsZero() =>
        Assert.Equal(0, LogprobsCollector.Entropy("a", 0, [new("a", 0), new("b", -1000)]), 9);

    [Fact]
    public void Restorer_PutsBackOnlyKnownPlaceholders()
    {
        var restorer = new PlaceholderRestorer(new Dictionary<string, string> { ["[EMAIL_1]"] = "bob@example.com" });

        Assert.Equal("mail bob@example.com, not [EMAIL_2] or [x]", restorer.Restore("mail [EMAIL_1], not [EMAIL_2] or [x]"));
    }

    [Fact]
    public void SafeCut_StopsBeforeAnOpenBracket()
    {
        var text = new StringBuilder("hello [EMAIL_");

        Assert.Equal(6, PlaceholderRestorer.SafeCut(text, 0, text.Length));
        Assert.Equal(13, PlaceholderRestorer.SafeCut(new StringBuilder("hello [x] end"), 0, 13));
    }

    [Fact]
    public void Canary_IsRandomAndShort()
    {
        var a = CanaryToken.Create();
        var b = CanaryToken.Create();

        Assert.NotEqual(a, b);
        Assert.Matches("^ref-[a-z2-9]{16}$", a);
    }
}
