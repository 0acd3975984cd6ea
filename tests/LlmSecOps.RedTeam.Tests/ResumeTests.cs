using System.Text.Json;
using LlmSecOps.RedTeam.Running;
using LlmSecOps.RedTeam.Storage;
using LlmSecOps.RedTeam.Tests.Fakes;

namespace LlmSecOps.RedTeam.Tests;

/// <summary>An interrupted run continues where it stopped, without sending any attempt twice.</summary>
public sealed class ResumeTests
{
    [Fact]
    public async Task InterruptedRun_Resumed_SendsEveryAttemptExactlyOnce()
    {
        await using var weak = await FakeLlmServer.StartAsync(WeakFakeModel.Reply);
        var dir = TestPaths.NewTempDir();
        var store = RedTeamStore.Open(dir);
        var config = new RunConfig
        {
            TargetUrl = weak.BaseUrl,
            Model = "fake",
            Families = ["injection", "prompt_extraction", "jailbreak", "sensitive_data"],
            Mutators = "none,base64,rot13",
            Concurrency = 4,
            Seed = 7,
        };

        using var stop = new CancellationTokenSource();
        var observer = new StopAfter(12, stop);
        var first = await ProbeSession.RunAsync(store, config, null, _ => null, observer, TimeProvider.System, stop.Token).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(first.Interrupted);
        var stored = store.ReadAttempts(first.RunId);
        Assert.InRange(stored.Count, 12, first.Planned - 1);
        Assert.Equal(RunStatus.Interrupted, store.GetRun(first.RunId)!.Status);

        // Every attempt the target saw before the stop was stored: none was lost in flight.
        var seenBefore = weak.Requests.Select(r => r.AttemptId!).ToHashSet();
        Assert.Equal(seenBefore, stored.Select(a => a.AttemptId).ToHashSet());

        // Resume through the command line, as a user would.
        var resumed = await CliRunner.RunAsync(["probe", "run", "--resume", first.RunId, "--data-dir", dir, "--format", "json", "--quiet"]);
        Assert.True(resumed.Exit == 0, resumed.Err);
        using var report = JsonDocument.Parse(resumed.Out);
        Assert.Equal(first.Planned, report.RootElement.GetProperty("attempts").GetInt32());
        Assert.Equal("completed", report.RootElement.GetProperty("run").GetProperty("status").GetString());

        var perAttempt = weak.Requests.GroupBy(r => r.AttemptId).ToList();
        Assert.Equal(first.Planned, perAttempt.Count);
        Assert.All(perAttempt, g => Assert.Single(g));
        Assert.Equal(first.Planned, store.CompletedAttemptIds(first.RunId).Count);
    }

    [Fact]
    public async Task Resume_OfACompletedRun_SendsNothing()
    {
        await using var weak = await FakeLlmServer.StartAsync(WeakFakeModel.Reply);
        var dir = TestPaths.NewTempDir();
        var store = RedTeamStore.Open(dir);
        var config = new RunConfig { TargetUrl = weak.BaseUrl, Model = "fake", Families = ["injection"] };
        var done = await ProbeSession.RunAsync(store, config, null, _ => null, null, TimeProvider.System, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.False(done.Interrupted);
        var before = weak.Requests.Count;
        var again = await ProbeSession.RunAsync(store, config, done.RunId, _ => null, null, TimeProvider.System, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(0, again.Counters.Done);
        Assert.Equal(before, weak.Requests.Count);
    }

    [Fact]
    public void AttemptIds_AreDeterministic_AndDependOnEveryPart()
    {
        var a = AttemptPlanner.Identity("p", "p0", "none", "t", 1);
        Assert.Equal(a, AttemptPlanner.Identity("p", "p0", "none", "t", 1));
        Assert.NotEqual(a.Id, AttemptPlanner.Identity("q", "p0", "none", "t", 1).Id);
        Assert.NotEqual(a.Id, AttemptPlanner.Identity("p", "p1", "none", "t", 1).Id);
        Assert.NotEqual(a.Id, AttemptPlanner.Identity("p", "p0", "base64", "t", 1).Id);
        Assert.NotEqual(a.Id, AttemptPlanner.Identity("p", "p0", "none", "u", 1).Id);
        Assert.NotEqual(a.Id, AttemptPlanner.Identity("p", "p0", "none", "t", 2).Id);
    }

    [Fact]
    public void Sampling_IsDeterministicPerSeed_AndKeepsPlanOrder()
    {
        var probes = Probes.ProbeCatalog.BuiltIn().Probes;
        var chains = Mutators.MutatorCatalog.Parse("none,base64,rot13").Chains;
        var behaviors = Probes.BehaviorLoader.Sample();
        var s1 = AttemptPlanner.Plan(probes, chains, behaviors, "t", 1, 40, null);
        var s1Again = AttemptPlanner.Plan(probes, chains, behaviors, "t", 1, 40, null);
        var s2 = AttemptPlanner.Plan(probes, chains, behaviors, "t", 2, 40, null);
        Assert.Equal(40, s1.Count);
        Assert.Equal(s1.Select(a => a.AttemptId), s1Again.Select(a => a.AttemptId));
        Assert.NotEqual(s1.Select(a => a.AttemptId).Order(), s2.Select(a => a.AttemptId).Order());
        Assert.Equal(s1.Select(a => a.Sequence).Order(), s1.Select(a => a.Sequence));
        var capped = AttemptPlanner.Plan(probes, chains, behaviors, "t", 1, null, 5);
        Assert.Equal(5, capped.Count);
    }

    private sealed class StopAfter(int count, CancellationTokenSource stop) : IRunObserver
    {
        public void OnStarted(RunCounters counters)
        {
        }

        public void OnAttempt(AttemptResult result, RunCounters counters)
        {
            if (counters.Done >= count)
            {
                stop.Cancel();
            }
        }
    }
}
