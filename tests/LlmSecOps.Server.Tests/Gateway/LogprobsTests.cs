using System.Net;
using System.Text.Json.Nodes;
using LlmSecOps.Core.Policy;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Server.Tests.Infrastructure;

namespace LlmSecOps.Server.Tests.Gateway;

public sealed class LogprobsTests
{
    private static readonly GuardPolicy Policy = PolicyLoader.Parse("logprobs: { request: true, top_k: 5, entropy_threshold: 1.0 }");

    /// <summary>Flat alternatives: five equally likely tokens, entropy ln 5 ≈ 1.61 nats.</summary>
    private static JsonNode Flat(int i)
    {
        var top = new JsonArray();
        for (var k = 0; k < 5; k++)
        {
            top.Add(new JsonObject { ["token"] = "t" + k, ["logprob"] = Math.Log(0.2), ["bytes"] = null });
        }

        return new JsonObject { ["token"] = "t0", ["logprob"] = Math.Log(0.2), ["bytes"] = null, ["top_logprobs"] = top };
    }

    [Fact]
    public async Task Chat_PolicyAsksForLogprobs_UpstreamGetsThemClientDoesNot()
    {
        await using var gw = await TestGateway.StartAsync(policy: Policy);

        using var response = await gw.ChatAsync(TestGateway.Chat("Hello"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(gw.Upstream.Received).Json!;
        Assert.True(sent["logprobs"]!.GetValue<bool>());
        Assert.Equal(5, sent["top_logprobs"]!.GetValue<int>());
        var doc = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Null(doc["choices"]![0]!["logprobs"]);
        Assert.True(doc["x_future_field"]!["kept"]!.GetValue<bool>());
        var evt = await gw.Events.SingleAsync();
        Assert.NotNull(evt.LogProbs);
        Assert.Equal(FakeUpstream.Tokens(FakeUpstream.DefaultAnswer).Count(), evt.LogProbs!.Count);
        Assert.Equal(5, evt.LogProbs[0].Top!.Count);
        Assert.True(evt.EntropyMean < 0.1, $"confident answer, entropy {evt.EntropyMean}");
        Assert.Equal(Verdict.Allow, evt.Verdict);
    }

    [Fact]
    public async Task Chat_ClientAskedFewerAlternatives_KeepsLogprobsTrimmedToItsCount()
    {
        await using var gw = await TestGateway.StartAsync(policy: Policy);
        var body = TestGateway.Chat("Hello");
        body["logprobs"] = true;
        body["top_logprobs"] = 2;

        using var response = await gw.ChatAsync(body);

        Assert.Equal(5, Assert.Single(gw.Upstream.Received).Json!["top_logprobs"]!.GetValue<int>());
        var content = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["choices"]![0]!["logprobs"]!["content"]!.AsArray();
        Assert.NotEmpty(content);
        Assert.All(content, e => Assert.Equal(2, e!["top_logprobs"]!.AsArray().Count));
        var evt = await gw.Events.SingleAsync();
        Assert.Equal(5, evt.LogProbs![0].Top!.Count);
    }

    [Fact]
    public async Task Stream_PolicyAsksForLogprobs_ClientStreamHasNone()
    {
        await using var gw = await TestGateway.StartAsync(policy: Policy);

        using var response = await gw.ChatAsync(TestGateway.Chat("Hello", stream: true));

        var events = await Sse.ReadEventsAsync(response);
        Assert.Equal(FakeUpstream.DefaultAnswer, Sse.Content(events));
        Assert.DoesNotContain(events, e => e.Contains("top_logprobs", StringComparison.Ordinal));
        var evt = await gw.Events.SingleAsync();
        Assert.Equal(FakeUpstream.Tokens(FakeUpstream.DefaultAnswer).Count(), evt.LogProbs!.Count);
    }

    [Fact]
    public async Task Stream_ClientAskedLogprobs_ReceivesThemForEveryToken()
    {
        await using var gw = await TestGateway.StartAsync(policy: Policy);
        var body = TestGateway.Chat("Hello", stream: true);
        body["logprobs"] = true;
        body["top_logprobs"] = 1;

        using var response = await gw.ChatAsync(body);

        var events = await Sse.ReadEventsAsync(response);
        var entries = events.Where(e => e != "[DONE]")
            .Select(e => JsonNode.Parse(e)!["choices"]!.AsArray().FirstOrDefault()?["logprobs"]?["content"])
            .Where(c => c is not null).SelectMany(c => c!.AsArray()).ToList();
        Assert.Equal(FakeUpstream.Tokens(FakeUpstream.DefaultAnswer).Count(), entries.Count);
        Assert.All(entries, e => Assert.Single(e!["top_logprobs"]!.AsArray()));
        Assert.Equal(FakeUpstream.DefaultAnswer, string.Concat(entries.Select(e => e!["token"]!.GetValue<string>())));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Chat_FlatDistribution_IsFlaggedForEntropy(bool stream)
    {
        await using var gw = await TestGateway.StartAsync(policy: Policy);
        gw.Upstream.Handler = (ctx, req) => FakeUpstream.Respond(ctx, req, "maybe this or that or something", logprobs: Flat);

        using var response = await gw.ChatAsync(TestGateway.Chat("Guess", stream: stream));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        _ = await response.Content.ReadAsStringAsync();
        var evt = await gw.Events.SingleAsync();
        Assert.Equal(Math.Log(5), evt.EntropyMean!.Value, 6);
        Assert.Equal(Math.Log(5), evt.EntropyMax!.Value, 6);
        var f = Assert.Single(evt.Findings, f => f.Category == FindingCategories.Entropy);
        Assert.Equal(PolicyAction.Flag, f.Action);
        Assert.Equal(Verdict.Flag, evt.Verdict);
    }
}
