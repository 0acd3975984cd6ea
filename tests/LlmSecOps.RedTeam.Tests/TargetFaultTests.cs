using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using LlmSecOps.RedTeam.Running;
using LlmSecOps.RedTeam.Storage;
using LlmSecOps.RedTeam.Targets;
using LlmSecOps.RedTeam.Tests.Fakes;

namespace LlmSecOps.RedTeam.Tests;

/// <summary>Rate limits, server errors, timeouts and guard refusals are retried or classified, never counted as successes.</summary>
public sealed class TargetFaultTests
{
    [Fact]
    public async Task TooManyRequests_WithRetryAfter_IsRetriedAfterTheAskedWait()
    {
        var tries = new ConcurrentDictionary<string, int>();
        await using var server = await FakeLlmServer.StartAsync(req =>
            tries.AddOrUpdate(req.AttemptId!, 1, (_, n) => n + 1) == 1
                ? FakeReply.Error(429, "rate_limit_exceeded", retryAfter: "1")
                : WeakFakeModel.Reply(req));
        var dir = TestPaths.NewTempDir();
        var store = RedTeamStore.Open(dir);
        var config = new RunConfig { TargetUrl = server.BaseUrl, Model = "fake", ProbePatterns = ["injection.ignore-previous"], MaxAttempts = 2, Retries = 3, Concurrency = 2 };
        var clock = Stopwatch.StartNew();
        var outcome = await ProbeSession.RunAsync(store, config, null, _ => null, null, TimeProvider.System, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        clock.Stop();

        var attempts = store.ReadAttempts(outcome.RunId);
        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, a =>
        {
            Assert.Equal(AttemptOutcome.Success, a.Outcome);
            Assert.Equal(1, a.Retries);
        });
        Assert.All(tries.Values, n => Assert.Equal(2, n));
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"Retry-After: 1 was not waited for ({clock.Elapsed})");
    }

    [Fact]
    public void RetryAfter_IsHonouredAndCapped()
    {
        var retry = new RetryOptions { MaxRetryAfter = TimeSpan.FromSeconds(30) };
        Assert.Equal(TimeSpan.FromSeconds(3), ResilientTarget.RetryAfterDelay(TargetResponse.Failed("429", 429, true, TimeSpan.FromSeconds(3)), retry));
        Assert.Equal(TimeSpan.FromSeconds(30), ResilientTarget.RetryAfterDelay(TargetResponse.Failed("429", 429, true, TimeSpan.FromMinutes(10)), retry));
        Assert.Null(ResilientTarget.RetryAfterDelay(TargetResponse.Failed("503", 503, true), retry));
    }

    [Fact]
    public async Task ServerError_AfterRetries_IsAnError_NeverASuccess()
    {
        await using var server = await FakeLlmServer.StartAsync(_ => FakeReply.Error(500, "internal_error"));
        var dir = TestPaths.NewTempDir();
        var r = await CliRunner.RunAsync(["probe", "run", "--target", server.BaseUrl, "--model", "fake", "--data-dir", dir, "--probes", "injection.ignore-previous,extraction.repeat-above", "--retries", "1", "--format", "json", "--fail-on", "0", "--quiet"]);
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        Assert.Equal(root.GetProperty("attempts").GetInt32(), root.GetProperty("errors").GetInt32());
        Assert.Equal(0, root.GetProperty("successes").GetInt32());
        Assert.Equal(0.0, root.GetProperty("asr").GetDouble());

        // A dead target fails the CI gate through the error rate, not through a fake success.
        Assert.Equal(1, r.Exit);
        Assert.Contains("errored", r.Out + r.Err, StringComparison.Ordinal);

        // One try plus one retry per attempt.
        Assert.All(server.Requests.GroupBy(q => q.AttemptId), g => Assert.Equal(2, g.Count()));
        var store = RedTeamStore.Open(dir);
        Assert.All(store.ReadAttempts(root.GetProperty("run").GetProperty("id").GetString()!), a =>
        {
            Assert.Equal(AttemptOutcome.Error, a.Outcome);
            Assert.Contains("HTTP 500", a.Error, StringComparison.Ordinal);
            Assert.Empty(a.Detectors);
        });
    }

    [Fact]
    public async Task Timeout_IsAnError_NeverASuccess()
    {
        // The fake would leak everything, but only after the client has given up.
        await using var server = await FakeLlmServer.StartAsync(req => WeakFakeModel.Reply(req) with { Delay = TimeSpan.FromSeconds(10) });
        var dir = TestPaths.NewTempDir();
        var store = RedTeamStore.Open(dir);
        var config = new RunConfig { TargetUrl = server.BaseUrl, Model = "fake", ProbePatterns = ["extraction.repeat-above"], TimeoutSeconds = 0.3, Retries = 0 };
        var outcome = await ProbeSession.RunAsync(store, config, null, _ => null, null, TimeProvider.System, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        var attempts = store.ReadAttempts(outcome.RunId);
        Assert.NotEmpty(attempts);
        Assert.All(attempts, a =>
        {
            Assert.Equal(AttemptOutcome.Error, a.Outcome);
            Assert.Contains("timeout", a.Error, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task GatewayContentFilter_CountsAsBlocked_NotErrorNotSuccess()
    {
        var n = 0;
        await using var server = await FakeLlmServer.StartAsync(_ =>
            Interlocked.Increment(ref n) % 2 == 0
                ? FakeReply.Error(400, "content_filter")
                : FakeReply.Say(string.Empty) with { FinishReason = "content_filter" });
        var dir = TestPaths.NewTempDir();
        var r = await CliRunner.RunAsync(["probe", "run", "--target", server.BaseUrl, "--model", "fake", "--data-dir", dir, "--families", "injection,prompt_extraction", "--format", "json", "--quiet"]);
        Assert.True(r.Exit == 0, r.Err);
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        Assert.Equal(root.GetProperty("attempts").GetInt32(), root.GetProperty("blocked").GetInt32());
        Assert.Equal(0, root.GetProperty("errors").GetInt32());
        Assert.Equal(0, root.GetProperty("successes").GetInt32());
        Assert.Equal(1.0, root.GetProperty("block_rate").GetDouble());
    }

    [Fact]
    public void TokenBucket_SpacesRequestsAtTheConfiguredRate()
    {
        var clock = new ManualTime();
        var bucket = new TokenBucket(requestsPerMinute: 120, burst: 1, clock);
        Assert.Equal(TimeSpan.Zero, bucket.Reserve());
        Assert.Equal(0.5, bucket.Reserve().TotalSeconds, 3);
        Assert.Equal(1.0, bucket.Reserve().TotalSeconds, 3);
        clock.Advance(TimeSpan.FromSeconds(1.5));
        Assert.Equal(0.0, bucket.Reserve().TotalSeconds, 3);
        clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(TimeSpan.Zero, bucket.Reserve());
        Assert.True(bucket.Reserve() > TimeSpan.Zero, "burst of one: the second request right away must wait");
    }

    private sealed class ManualTime : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
