using System.Text.Json;
using LlmSecOps.RedTeam.Configuration;
using LlmSecOps.RedTeam.Replay;
using LlmSecOps.RedTeam.Storage;
using LlmSecOps.RedTeam.Tests.Fakes;

namespace LlmSecOps.RedTeam.Tests;

/// <summary>Corpus replay: JSONL, CSV and session logs, scored like a probe run.</summary>
public sealed class ReplayTests
{
    [Fact]
    public void SessionLog_GroupsTurnsPerSession_AndDropsRecordedReplies()
    {
        var path = Path.Combine(TestPaths.RepoRoot(), "samples", "redteam", "session-log.jsonl");
        var entries = CorpusReader.LoadFile(path);
        Assert.Equal(4, entries.Count);
        var crescendo = entries.Single(e => e.Id == "s:rt-0001");
        Assert.Equal("crescendo", crescendo.Family);
        Assert.Equal(4, crescendo.Messages.Count);
        Assert.All(crescendo.Messages, m => Assert.Equal("user", m.Role));
        var tool = entries.Single(e => e.Id == "s:rt-0003");
        Assert.Contains("[result of tool fetch_page]", tool.Messages[1].Content, StringComparison.Ordinal);
        Assert.Equal("benign", entries.Single(e => e.Id == "s:rt-0004").Label);
    }

    [Fact]
    public void JsonlAndCsv_ReadTheTextField_AndReportBadLines()
    {
        var jsonl = CorpusReader.ParseJsonl("{\"prompt\":\"a\",\"id\":7,\"category\":\"Role Play\"}\n\n{\"text\":\"b\",\"label\":0}\n", "c.jsonl");
        Assert.Equal(["7", "l3"], jsonl.Select(e => e.Id));
        Assert.Equal("role_play", jsonl[0].Family);
        Assert.Equal("benign", jsonl[1].Family);

        var csv = CorpusReader.ParseCsv("id,Prompt,technique\nx1,\"hello, \"\"world\"\"\",dan\nx2,second,\n", "c.csv", ",");
        Assert.Equal("hello, \"world\"", csv[0].Messages[0].Content);
        Assert.Equal("dan", csv[0].Family);
        Assert.Equal("replay", csv[1].Family);

        var bad = Assert.Throws<RedTeamFormatException>(() => CorpusReader.ParseJsonl("{\"text\":\"ok\"}\n{broken\n{\"nope\":1}\n", "b.jsonl"));
        Assert.Contains(bad.Errors, e => e.Line == 2 && e.Message.StartsWith("invalid JSON", StringComparison.Ordinal));
        Assert.Contains(bad.Errors, e => e.Line == 3 && e.Message.StartsWith("no text field", StringComparison.Ordinal));
        var noColumn = Assert.Throws<RedTeamFormatException>(() => CorpusReader.ParseCsv("a,b\n1,2\n", "n.csv", ","));
        Assert.Contains("no text column", noColumn.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_SessionLogAgainstWeakAndRefusingTargets_ScoresLikeAProbeRun()
    {
        await using var weak = await FakeLlmServer.StartAsync(WeakFakeModel.Reply);
        await using var refusing = await FakeLlmServer.StartAsync(RefusingFakeModel.Reply);
        var dir = TestPaths.NewTempDir();
        var log = Path.Combine(TestPaths.RepoRoot(), "samples", "redteam", "session-log.jsonl");

        var w = await CliRunner.RunAsync(["probe", "replay", "--corpus", log, "--target", weak.BaseUrl, "--model", "fake", "--data-dir", dir, "--format", "json", "--quiet"]);
        Assert.True(w.Exit == 0, w.Err);
        using var weakDoc = JsonDocument.Parse(w.Out);
        Assert.Equal(4, weakDoc.RootElement.GetProperty("attempts").GetInt32());
        Assert.Equal(4, weakDoc.RootElement.GetProperty("successes").GetInt32());
        Assert.Equal("replay", weakDoc.RootElement.GetProperty("run").GetProperty("kind").GetString());
        Assert.Contains(weakDoc.RootElement.GetProperty("probes").EnumerateArray(), p => p.GetProperty("id").GetString() == "replay.crescendo");

        // The multi-turn session was played turn by turn: four user turns for rt-0001.
        var sessionTurns = weak.Requests.Where(r => r.Messages.Count(m => m.Role == "user") == 4).ToList();
        Assert.NotEmpty(sessionTurns);

        var r = await CliRunner.RunAsync(["probe", "replay", "--corpus", Path.Combine(TestPaths.RepoRoot(), "samples", "redteam", "corpus-sample.csv"), "--target", refusing.BaseUrl, "--model", "fake", "--data-dir", dir, "--detectors", "no_refusal,canary", "--format", "json", "--quiet"]);
        Assert.True(r.Exit == 0, r.Err);
        using var refusingDoc = JsonDocument.Parse(r.Out);
        Assert.Equal(3, refusingDoc.RootElement.GetProperty("attempts").GetInt32());
        Assert.Equal(0, refusingDoc.RootElement.GetProperty("successes").GetInt32());

        var runs = RedTeamStore.Open(dir).ListRuns(10, "replay");
        Assert.Equal(2, runs.Count);
    }
}
