using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using LlmSecOps.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace LlmSecOps.Server.Tests.Gateway;

public sealed class UpstreamFaultTests
{
    private static async Task<JsonNode> ErrorOf(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync().WaitAsync(TestGateway.Timeout))!["error"]!;

    [Fact]
    public async Task Chat_UpstreamUnreachable_Is502AfterRetries()
    {
        // A port that was just free: nothing listens on it.
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        await using var gw = await TestGateway.StartAsync(o => o with
        {
            Upstreams = [o.Upstreams[0] with { BaseUrl = new Uri($"http://127.0.0.1:{port}/v1/"), Retries = 2 }],
        });

        using var response = await gw.ChatAsync(TestGateway.Chat("Hello"));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var error = await ErrorOf(response);
        Assert.Equal("upstream_unreachable", error["code"]!.GetValue<string>());
        var evt = await gw.Events.SingleAsync();
        Assert.Equal(502, evt.Status);
        Assert.Equal("3", evt.Attributes!["upstream_attempts"]);
    }

    [Fact]
    public async Task Chat_UpstreamSlow_Is504()
    {
        await using var gw = await TestGateway.StartAsync(o => o with
        {
            Upstreams = [o.Upstreams[0] with { FirstByteTimeout = TimeSpan.FromMilliseconds(300) }],
        });
        gw.Upstream.Handler = async (ctx, req) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5), ctx.RequestAborted);
            await FakeUpstream.Respond(ctx, req, "too late");
        };

        using var response = await gw.ChatAsync(TestGateway.Chat("Hello"));

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("upstream_timeout", (await ErrorOf(response))["code"]!.GetValue<string>());
        var evt = await gw.Events.SingleAsync();
        Assert.Equal(504, evt.Status);
        Assert.Single(gw.Upstream.Received);
    }

    [Fact]
    public async Task Chat_Upstream503Twice_IsRetriedAndSucceeds()
    {
        await using var gw = await TestGateway.StartAsync();
        var calls = 0;
        gw.Upstream.Handler = (ctx, req) =>
            Interlocked.Increment(ref calls) <= 2
                ? FakeUpstream.WriteJsonAsync(ctx, "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}", 503)
                : FakeUpstream.Respond(ctx, req, "third time lucky");

        using var response = await gw.ChatAsync(TestGateway.Chat("Hello"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, gw.Upstream.Received.Count);
        var evt = await gw.Events.SingleAsync();
        Assert.Equal("3", evt.Attributes!["upstream_attempts"]);
    }

    [Fact]
    public async Task Chat_Upstream503Always_Is502AfterBoundedRetries()
    {
        await using var gw = await TestGateway.StartAsync();
        gw.Upstream.Handler = (ctx, req) => FakeUpstream.WriteJsonAsync(ctx, "{}", 503);

        using var response = await gw.ChatAsync(TestGateway.Chat("Hello"));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("upstream_error", (await ErrorOf(response))["code"]!.GetValue<string>());
        Assert.Equal(3, gw.Upstream.Received.Count);
    }

    [Fact]
    public async Task Chat_Upstream500_IsNotRetriedAndIs502()
    {
        await using var gw = await TestGateway.StartAsync();
        gw.Upstream.Handler = (ctx, req) => FakeUpstream.WriteJsonAsync(ctx, "{\"error\":{\"message\":\"boom\"}}", 500);

        using var response = await gw.ChatAsync(TestGateway.Chat("Hello"));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Single(gw.Upstream.Received);
    }

    [Fact]
    public async Task Chat_Upstream429_IsPassedThroughWithRetryAfter()
    {
        await using var gw = await TestGateway.StartAsync();
        gw.Upstream.Handler = (ctx, req) =>
        {
            ctx.Response.Headers.RetryAfter = "7";
            ctx.Response.Headers["x-ratelimit-remaining-requests"] = "0";
            return FakeUpstream.WriteJsonAsync(ctx, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}", 429);
        };

        using var response = await gw.ChatAsync(TestGateway.Chat("Hello"));

        Assert.Equal((HttpStatusCode)429, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter!.Delta);
        Assert.Equal("0", response.Headers.GetValues("x-ratelimit-remaining-requests").Single());
        Assert.Equal("rate_limit_exceeded", (await ErrorOf(response))["code"]!.GetValue<string>());
        Assert.Single(gw.Upstream.Received);
        Assert.Equal(429, (await gw.Events.SingleAsync()).Status);
    }

    [Fact]
    public async Task Chat_UpstreamRejectsCredentials_Is502NotTheClients401()
    {
        await using var gw = await TestGateway.StartAsync();
        gw.Upstream.Handler = (ctx, req) => FakeUpstream.WriteJsonAsync(ctx, "{\"error\":{\"message\":\"bad key\"}}", 401);

        using var response = await gw.ChatAsync(TestGateway.Chat("Hello"));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("upstream_auth_failed", (await ErrorOf(response))["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Chat_UpstreamMalformedJson_Is502()
    {
        await using var gw = await TestGateway.StartAsync();
        gw.Upstream.Handler = (ctx, req) => FakeUpstream.WriteJsonAsync(ctx, "{\"id\":\"x\",\"choices\":[{\"message\":");

        using var response = await gw.ChatAsync(TestGateway.Chat("Hello"));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var error = await ErrorOf(response);
        Assert.Equal("upstream_invalid_response", error["code"]!.GetValue<string>());
        Assert.Contains("line 1", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(502, (await gw.Events.SingleAsync()).Status);
    }

    [Fact]
    public async Task Stream_UpstreamKilledMidStream_ClientGetsErrorEventAndDone()
    {
        await using var gw = await TestGateway.StartAsync(o => o with { Streaming = new() { WindowChars = 16, ScanStepChars = 4 } });
        var text = string.Concat(Enumerable.Repeat("word ", 200));
        gw.Upstream.Handler = (ctx, req) => FakeUpstream.WriteStreamAsync(ctx, req, text, chunkChars: 5, abortAfterChunks: 60);

        using var response = await gw.ChatAsync(TestGateway.Chat("Hello", stream: true));

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var events = await Sse.ReadEventsAsync(response);
        Assert.Equal("[DONE]", events[^1]);
        var error = Sse.Error(events);
        Assert.NotNull(error);
        Assert.Equal("upstream_error", error!["code"]!.GetValue<string>());
        Assert.True(Sse.Content(events).Length < text.Length);
        var evt = await gw.Events.SingleAsync();
        Assert.Contains("lost", evt.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_UpstreamKilledBeforeAnythingReleased_Is502()
    {
        await using var gw = await TestGateway.StartAsync();
        gw.Upstream.Handler = (ctx, req) => FakeUpstream.WriteStreamAsync(ctx, req, "short answer that will not finish", chunkChars: 5, abortAfterChunks: 3);

        using var response = await gw.ChatAsync(TestGateway.Chat("Hello", stream: true));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("upstream_error", (await ErrorOf(response))["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Stream_UpstreamStalls_IsCutWithTimeout()
    {
        await using var gw = await TestGateway.StartAsync(o => o with
        {
            Upstreams = [o.Upstreams[0] with { FirstByteTimeout = TimeSpan.FromMilliseconds(400) }],
        });
        gw.Upstream.Handler = async (ctx, req) =>
        {
            ctx.Response.ContentType = "text/event-stream";
            await ctx.Response.WriteAsync("data: {\"id\":\"x\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hel\"},\"finish_reason\":null}]}\n\n");
            await ctx.Response.Body.FlushAsync();
            await Task.Delay(TimeSpan.FromSeconds(10), ctx.RequestAborted);
        };

        using var response = await gw.ChatAsync(TestGateway.Chat("Hello", stream: true));

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal(504, (await gw.Events.SingleAsync()).Status);
    }

    [Theory]
    [InlineData("data: {not json}\n\n")]
    [InlineData("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}\n\ndata: [1,2\n\n")]
    [InlineData("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}\n\n")]
    public async Task Stream_MalformedEventStream_EndsWithAnError(string body)
    {
        await using var gw = await TestGateway.StartAsync();
        gw.Upstream.Handler = async (ctx, req) =>
        {
            ctx.Response.ContentType = "text/event-stream";
            await ctx.Response.WriteAsync(body);
        };

        using var response = await gw.ChatAsync(TestGateway.Chat("Hello", stream: true));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var code = (await ErrorOf(response))["code"]!.GetValue<string>();
        Assert.True(code is "upstream_invalid_response" or "upstream_error", code);
        Assert.Equal(502, (await gw.Events.SingleAsync()).Status);
    }

    [Fact]
    public async Task Stream_UpstreamAnswersJsonToAStreamRequest_Is502()
    {
        await using var gw = await TestGateway.StartAsync();
        gw.Upstream.Handler = (ctx, req) => FakeUpstream.WriteJsonAsync(ctx, FakeUpstream.Completion(req, "hi"));

        using var response = await gw.ChatAsync(TestGateway.Chat("Hello", stream: true));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
    }

    [Fact]
    public async Task Stream_ClientGoesAway_ExchangeIsRecordedAndUpstreamReleased()
    {
        await using var gw = await TestGateway.StartAsync(o => o with { Streaming = new() { WindowChars = 16, ScanStepChars = 4 } });
        var upstreamAborted = new TaskCompletionSource();
        gw.Upstream.Handler = async (ctx, req) =>
        {
            ctx.RequestAborted.Register(() => upstreamAborted.TrySetResult());
            try
            {
                await FakeUpstream.WriteStreamAsync(ctx, req, string.Concat(Enumerable.Repeat("word ", 400)), chunkChars: 5, delay: TimeSpan.FromMilliseconds(10));
            }
            catch (Exception e) when (e is OperationCanceledException or IOException)
            {
            }
        };

        // A client that closes the connection at once instead of draining the rest of the answer.
        using var client = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0, ResponseDrainTimeout = TimeSpan.Zero }) { BaseAddress = gw.Client.BaseAddress, Timeout = TestGateway.Timeout };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent(TestGateway.Chat("Hello", stream: true).ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        using (var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WaitAsync(TestGateway.Timeout))
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            var first = await reader.ReadLineAsync().WaitAsync(TestGateway.Timeout);
            Assert.StartsWith("data: ", first, StringComparison.Ordinal);
        }

        // The upstream connection is closed, so the model can stop generating.
        await upstreamAborted.Task.WaitAsync(TestGateway.Timeout);
        var evt = await gw.Events.SingleAsync();
        Assert.Equal(499, evt.Status);
    }

    [Theory]
    [InlineData(100, true)]
    [InlineData(3000, false)]
    public async Task Chat_BodyArrivingInPieces_IdleTimeoutAppliesBetweenPieces(int pauseMs, bool succeeds)
    {
        // The idle budget is twelve times the short pause: a cold process on two cores can stall
        // continuations for half a second while the thread pool grows, and that is not the
        // upstream pausing.
        await using var gw = await TestGateway.StartAsync(o => o with
        {
            Upstreams = [o.Upstreams[0] with { FirstByteTimeout = TimeSpan.FromMilliseconds(1200) }],
        });

        // One ordinary exchange first: in a cold process the servers' first request alone can take
        // longer than the budget, which would time out before any pause is measured.
        using (var warmUp = await gw.ChatAsync(TestGateway.Chat("Hello")))
        {
            Assert.Equal(HttpStatusCode.OK, warmUp.StatusCode);
        }

        gw.Upstream.Handler = async (ctx, req) =>
        {
            var body = FakeUpstream.Completion(req, "slow but steady");
            ctx.Response.ContentType = "application/json";
            await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
            for (var i = 0; i < body.Length; i += body.Length / 4 + 1)
            {
                await Task.Delay(pauseMs, ctx.RequestAborted);
                await ctx.Response.WriteAsync(body.Substring(i, Math.Min(body.Length / 4 + 1, body.Length - i)), ctx.RequestAborted);
                await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
            }
        };

        using var response = await gw.ChatAsync(TestGateway.Chat("Hello"));

        Assert.Equal(succeeds ? HttpStatusCode.OK : HttpStatusCode.GatewayTimeout, response.StatusCode);
    }
}
