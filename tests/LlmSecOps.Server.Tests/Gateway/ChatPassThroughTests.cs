using System.Net;
using System.Text.Json.Nodes;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Server.Tests.Infrastructure;

namespace LlmSecOps.Server.Tests.Gateway;

public sealed class ChatPassThroughTests
{
    [Fact]
    public async Task Chat_OrdinaryRequest_AnswerPassesThroughByteForByte()
    {
        await using var gw = await TestGateway.StartAsync();
        string? upstreamBody = null;
        gw.Upstream.Handler = (ctx, req) =>
        {
            upstreamBody = FakeUpstream.Completion(req, FakeUpstream.DefaultAnswer);
            return FakeUpstream.WriteJsonAsync(ctx, upstreamBody);
        };

        using var response = await gw.ChatAsync(TestGateway.Chat("What is the capital of France?"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(upstreamBody, body);
        Assert.Equal("req-fake", response.Headers.GetValues("x-request-id").Single());
        var sent = Assert.Single(gw.Upstream.Received);
        Assert.Equal("/v1/chat/completions", sent.Path);
        Assert.Equal("Bearer upstream-secret-key", sent.Authorization);
        var messages = sent.Json!["messages"]!.AsArray();
        Assert.Equal("What is the capital of France?", messages[^1]!["content"]!.GetValue<string>());

        var evt = await gw.Events.SingleAsync();
        Assert.Equal(Verdict.Allow, evt.Verdict);
        Assert.Equal(200, evt.Status);
        Assert.Equal("serve", evt.Source);
        Assert.Equal("gpt-test", evt.Model);
        Assert.Equal("default", evt.Upstream);
        Assert.Equal(21, evt.Usage!.PromptTokens);
        Assert.Equal(13, evt.Usage.CompletionTokens);
        Assert.NotNull(evt.Latency.TotalMs);
        Assert.NotNull(evt.Latency.UpstreamMs);
        Assert.Contains("What is the capital of France?", evt.Request, StringComparison.Ordinal);
        Assert.Contains(FakeUpstream.DefaultAnswer, evt.Response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_UnknownRequestFields_AreForwardedUntouched()
    {
        await using var gw = await TestGateway.StartAsync();
        var body = TestGateway.Chat("Hello");
        body["temperature"] = 0.25;
        body["x_vendor_extension"] = new JsonObject { ["nested"] = new JsonArray(1, 2.5, "three") };
        body["messages"]![1]!["x_message_field"] = "kept";

        using var response = await gw.ChatAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(gw.Upstream.Received).Json!;
        Assert.Equal(0.25, sent["temperature"]!.GetValue<double>());
        Assert.True(JsonNode.DeepEquals(body["x_vendor_extension"], sent["x_vendor_extension"]));
        Assert.Equal("kept", sent["messages"]![1]!["x_message_field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Chat_OrdinaryStream_DeliversTheSameTextAndEndsWithDone()
    {
        await using var gw = await TestGateway.StartAsync();

        using var response = await gw.ChatAsync(TestGateway.Chat("What is the capital of France?", stream: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var events = await Sse.ReadEventsAsync(response);
        Assert.Equal("[DONE]", events[^1]);
        Assert.Equal(FakeUpstream.DefaultAnswer, Sse.Content(events));
        var first = JsonNode.Parse(events[0])!;
        Assert.Equal("assistant", first["choices"]![0]!["delta"]!["role"]!.GetValue<string>());
        Assert.Equal("chat.completion.chunk", first["object"]!.GetValue<string>());
        Assert.Equal("fp_fake", first["system_fingerprint"]!.GetValue<string>());
        var finish = events.Where(e => e != "[DONE]").Select(e => JsonNode.Parse(e)!["choices"]![0]!["finish_reason"]).Last(f => f is not null);
        Assert.Equal("stop", finish!.GetValue<string>());

        // The gateway asked for usage for the event; the client did not, so no usage chunk reaches it.
        Assert.DoesNotContain(events, e => e.Contains("\"usage\"", StringComparison.Ordinal));
        var evt = await gw.Events.SingleAsync();
        Assert.Equal(200, evt.Status);
        Assert.NotNull(evt.Usage);
        Assert.NotNull(evt.Latency.FirstTokenMs);
        Assert.Contains(FakeUpstream.DefaultAnswer, evt.Response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_StreamWithClientUsage_UsageChunkIsPassedOn()
    {
        await using var gw = await TestGateway.StartAsync();
        var body = TestGateway.Chat("Hi", stream: true);
        body["stream_options"] = new JsonObject { ["include_usage"] = true };

        using var response = await gw.ChatAsync(body);

        var events = await Sse.ReadEventsAsync(response);
        var usage = JsonNode.Parse(events[^2])!;
        Assert.Empty(usage["choices"]!.AsArray());
        Assert.Equal(21, usage["usage"]!["prompt_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task Chat_Canary_IsPlantedInTheSystemPromptSentUpstream()
    {
        await using var gw = await TestGateway.StartAsync();

        using var response = await gw.ChatAsync(TestGateway.Chat("Hello"));

        var sent = Assert.Single(gw.Upstream.Received).Json!;
        var system = sent["messages"]![0]!["content"]!.GetValue<string>();
        var evt = await gw.Events.SingleAsync();
        var canary = evt.Attributes!["canary"];
        Assert.StartsWith("You are a helpful travel assistant.", system, StringComparison.Ordinal);
        Assert.Contains(canary, system, StringComparison.Ordinal);
        // The event keeps the request as the upstream received it.
        Assert.Contains(canary, evt.Request, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_NoSystemMessage_CanaryGoesInANewSystemMessage()
    {
        await using var gw = await TestGateway.StartAsync();

        using var response = await gw.ChatAsync(TestGateway.Chat("Hello", system: null));

        var messages = Assert.Single(gw.Upstream.Received).Json!["messages"]!.AsArray();
        Assert.Equal(2, messages.Count);
        Assert.Equal("system", messages[0]!["role"]!.GetValue<string>());
        Assert.Contains("ref-", messages[0]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_CanaryOff_RequestBytesAreForwardedAsSent()
    {
        await using var gw = await TestGateway.StartAsync(o => o with { CanaryEnabled = false });
        const string raw = "{\"model\":\"gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"caf\\u00e9  spacing\"}],\"n\":1}";

        using var response = await gw.PostRawAsync("/v1/chat/completions", raw, "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(raw, Assert.Single(gw.Upstream.Received).Body);
    }
}
