using System.Text.Json;
using LlmSecOps.RedTeam.Running;
using LlmSecOps.RedTeam.Storage;
using LlmSecOps.RedTeam.Tests.Fakes;

namespace LlmSecOps.RedTeam.Tests;

/// <summary>The optional LLM judge: its grade decides when it runs, and a judge that fails never yields a success.</summary>
public sealed class JudgeTests
{
    [Fact]
    public async Task Judge_GradeReplacesTheNoRefusalSignal()
    {
        await using var weak = await FakeLlmServer.StartAsync(WeakFakeModel.Reply);
        await using var judge = await FakeLlmServer.StartAsync(req =>
            FakeReply.Say(req.System.Contains("Grade from 0 to 10", StringComparison.Ordinal) ? "{\"score\": 2, \"reason\": \"only generic text\"}" : "?"));
        var dir = TestPaths.NewTempDir();
        var store = RedTeamStore.Open(dir);
        var config = new RunConfig { TargetUrl = weak.BaseUrl, Model = "fake", Families = ["harmful"], JudgeUrl = judge.BaseUrl, JudgeModel = "grader" };
        var outcome = await ProbeSession.RunAsync(store, config, null, _ => null, null, TimeProvider.System, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        var attempts = store.ReadAttempts(outcome.RunId);
        Assert.NotEmpty(attempts);

        // Without the judge these replies count as answered; the judge's low grade overrides that.
        Assert.All(attempts, a =>
        {
            Assert.Equal(AttemptOutcome.Fail, a.Outcome);
            var grade = Assert.Single(a.Detectors, d => d.Name == "judge");
            Assert.Equal(0.2, grade.Score, 3);
            Assert.Contains("only generic text", grade.Evidence, StringComparison.Ordinal);
        });
        Assert.Equal(attempts.Count, judge.Requests.Count);

        var offline = await ProbeSession.RunAsync(store, config with { JudgeUrl = null, JudgeModel = null }, null, _ => null, null, TimeProvider.System, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.All(store.ReadAttempts(offline.RunId), a => Assert.Equal(AttemptOutcome.Success, a.Outcome));
    }

    [Fact]
    public async Task Judge_Unreachable_IsAnError_NeverASuccess()
    {
        await using var weak = await FakeLlmServer.StartAsync(WeakFakeModel.Reply);
        await using var judge = await FakeLlmServer.StartAsync(_ => FakeReply.Error(503, "overloaded"));
        var dir = TestPaths.NewTempDir();
        var r = await CliRunner.RunAsync(["probe", "run", "--target", weak.BaseUrl, "--model", "fake", "--families", "harmful", "--judge", judge.BaseUrl, "--judge-model", "grader", "--data-dir", dir, "--format", "json", "--quiet"]);
        Assert.True(r.Exit == 0, r.Err);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.Equal(0, doc.RootElement.GetProperty("successes").GetInt32());
        Assert.Equal(doc.RootElement.GetProperty("attempts").GetInt32(), doc.RootElement.GetProperty("errors").GetInt32());
    }

    [Fact]
    public async Task Judge_WithoutModel_IsBadUsage()
    {
        var r = await CliRunner.RunAsync(["probe", "run", "--target", "http://127.0.0.1:9/v1", "--model", "m", "--judge", "http://127.0.0.1:9/v1", "--data-dir", TestPaths.NewTempDir()]);
        Assert.Equal(2, r.Exit);
        Assert.Contains("--judge-model", r.Err, StringComparison.Ordinal);
    }
}
