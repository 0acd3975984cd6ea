using System.Text.Json;
using LlmSecOps.RedTeam.Tests.Fakes;

namespace LlmSecOps.RedTeam.Tests;

/// <summary><c>probe compare</c> with runs from the store and from JSONL reports.</summary>
public sealed class CompareTests
{
    [Fact]
    public async Task Compare_AcceptsAJsonlReport_AndMatchesTheStoredRun()
    {
        await using var weak = await FakeLlmServer.StartAsync(WeakFakeModel.Reply);
        await using var refusing = await FakeLlmServer.StartAsync(RefusingFakeModel.Reply);
        var dir = TestPaths.NewTempDir();
        var jsonl = Path.Combine(dir, "weak.jsonl");
        string[] common = ["--model", "fake", "--data-dir", dir, "--families", "injection,tool_abuse", "--quiet"];
        var w = await CliRunner.RunAsync(["probe", "run", "--target", weak.BaseUrl, .. common, "--format", "jsonl", "--output", jsonl]);
        Assert.True(w.Exit == 0, w.Err);
        var r = await CliRunner.RunAsync(["probe", "run", "--target", refusing.BaseUrl, .. common, "--format", "json"]);
        Assert.True(r.Exit == 0, r.Err);
        using var refusingDoc = JsonDocument.Parse(r.Out);
        var refusingId = refusingDoc.RootElement.GetProperty("run").GetProperty("id").GetString()!;
        var weakId = JsonDocument.Parse((await File.ReadAllLinesAsync(jsonl))[0]).RootElement.GetProperty("run_id").GetString()!;

        // The report file stands in for the weak run: same rows as comparing the stored run.
        var fromFile = await CliRunner.RunAsync(["probe", "compare", refusingId, jsonl, "--data-dir", dir, "--format", "json", "--fail-on-regression"]);
        var fromStore = await CliRunner.RunAsync(["probe", "compare", refusingId, weakId, "--data-dir", dir, "--format", "json", "--fail-on-regression"]);
        Assert.Equal(1, fromFile.Exit);
        Assert.Equal(1, fromStore.Exit);
        using var a = JsonDocument.Parse(fromFile.Out);
        using var b = JsonDocument.Parse(fromStore.Out);
        Assert.Equal(weakId, a.RootElement.GetProperty("b").GetString());
        foreach (var section in new[] { "total", "probes", "families", "mutators" })
        {
            Assert.Equal(b.RootElement.GetProperty(section).GetRawText(), a.RootElement.GetProperty(section).GetRawText());
        }
    }

    [Fact]
    public async Task Compare_BadReportOrUnknownRun_ExitsTwo_WithTheLine()
    {
        var dir = TestPaths.NewTempDir();
        var bad = Path.Combine(dir, "bad.jsonl");
        await File.WriteAllTextAsync(bad, "{\"run_id\":\"r\",\"attempt_id\":\"a\",\"probe\":\"p\",\"family\":\"f\",\"mutator\":\"none\",\"target\":\"t\",\"outcome\":\"success\"}\n{\"run_id\": 3,\n");
        var r = await CliRunner.RunAsync(["probe", "compare", bad, bad, "--data-dir", dir]);
        Assert.Equal(2, r.Exit);
        Assert.Contains(":2:", r.Err, StringComparison.Ordinal);

        var missing = await CliRunner.RunAsync(["probe", "compare", "no-such-run", "neither", "--data-dir", dir]);
        Assert.Equal(2, missing.Exit);
        Assert.Contains("no run 'no-such-run'", missing.Err, StringComparison.Ordinal);
    }
}
