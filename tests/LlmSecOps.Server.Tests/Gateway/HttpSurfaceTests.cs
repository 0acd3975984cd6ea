using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Server.Tests.Infrastructure;

namespace LlmSecOps.Server.Tests.Gateway;

public sealed class HttpSurfaceTests
{
    private static async Task<JsonNode> ErrorOf(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync().WaitAsync(TestGateway.Timeout))!["error"]!;

    [Fact]
    public async Task Chat_InvalidJson_Is400SayingWhere()
    {
        await using var gw = await TestGateway.StartAsync();

        using var response = await gw.PostRawAsync("/v1/chat/completions", "{\n  \"model\": \"gpt-test\",\n  \"messages\": [oops]\n}", "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await ErrorOf(response);
        Assert.Equal("invalid_json", error["code"]!.GetValue<string>());
        Assert.Contains("line 3, byte 16", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(gw.Upstream.Received);
        Assert.Equal(400, (await gw.Events.SingleAsync()).Status);
    }

    [Theory]
    [InlineData("{\"model\":\"gpt-test\",\"model\":\"other\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")]
    [InlineData("{\"model\":\"gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"harmless\",\"content\":\"FORBIDDEN\"}]}")]
    public async Task Chat_DuplicateKeys_AreRefusedNotSmuggled(string body)
    {
        await using var gw = await TestGateway.StartAsync();

        using var response = await gw.PostRawAsync("/v1/chat/completions", body, "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_json", (await ErrorOf(response))["code"]!.GetValue<string>());
        Assert.Empty(gw.Upstream.Received);
    }

    [Fact]
    public async Task Chat_LoneSurrogateEscape_Is400ButEscapedPairsPass()
    {
        await using var gw = await TestGateway.StartAsync();

        using var lone = await gw.PostRawAsync("/v1/chat/completions", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"a\\ud800b\"}]}", "application/json");
        using var pair = await gw.PostRawAsync("/v1/chat/completions", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"smile \\ud83d\\ude00 and \\\\ud800 as text\"}]}", "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, lone.StatusCode);
        Assert.Contains("surrogate", (await ErrorOf(lone))["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, pair.StatusCode);
        var sent = Assert.Single(gw.Upstream.Received).Json!;
        Assert.Equal("smile \U0001F600 and \\ud800 as text", sent["messages"]!.AsArray()[^1]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task Chat_DeeplyNestedJson_Is400()
    {
        await using var gw = await TestGateway.StartAsync();
        var body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"x\":" + new string('[', 5000) + new string(']', 5000) + "}";

        using var response = await gw.PostRawAsync("/v1/chat/completions", body, "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Chat_BodyOverLimit_Is413()
    {
        await using var gw = await TestGateway.StartAsync(o => o with { MaxRequestBytes = 4096 });
        var body = TestGateway.Chat(new string('a', 10_000));

        using var response = await gw.ChatAsync(body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("request_too_large", (await ErrorOf(response))["code"]!.GetValue<string>());
        Assert.Empty(gw.Upstream.Received);
    }

    [Fact]
    public async Task Chat_ChunkedBodyOverLimit_Is413()
    {
        await using var gw = await TestGateway.StartAsync(o => o with { MaxRequestBytes = 4096 });
        using var content = new PushStreamContent(new string('b', 20_000));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        using var response = await gw.Client.PostAsync("/v1/chat/completions", content).WaitAsync(TestGateway.Timeout);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Chat_WrongContentType_Is415()
    {
        await using var gw = await TestGateway.StartAsync();

        using var response = await gw.PostRawAsync("/v1/chat/completions", "model=gpt-test", "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("unsupported_media_type", (await ErrorOf(response))["code"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", "model")]
    [InlineData("{\"model\":\"m\"}", "messages")]
    [InlineData("{\"model\":\"m\",\"messages\":[]}", "messages")]
    [InlineData("{\"model\":\"m\",\"messages\":[\"hi\"]}", "messages")]
    [InlineData("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"stream\":\"yes\"}", "stream")]
    public async Task Chat_MissingOrWrongFields_Are400NamingTheParam(string body, string param)
    {
        await using var gw = await TestGateway.StartAsync();

        using var response = await gw.PostRawAsync("/v1/chat/completions", body, "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(param, (await ErrorOf(response))["param"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnknownUrl_Is404InOpenAiShape()
    {
        await using var gw = await TestGateway.StartAsync();

        using var response = await gw.Client.GetAsync("/v1/nothing-here").WaitAsync(TestGateway.Timeout);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = await ErrorOf(response);
        Assert.Equal("invalid_request_error", error["type"]!.GetValue<string>());
        Assert.Equal("unknown_url", error["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task WrongMethod_Is405InOpenAiShape()
    {
        await using var gw = await TestGateway.StartAsync();

        using var response = await gw.Client.GetAsync("/v1/chat/completions").WaitAsync(TestGateway.Timeout);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.NotNull((await ErrorOf(response))["message"]);
    }

    [Fact]
    public async Task Health_And_Readiness_Answer()
    {
        await using var gw = await TestGateway.StartAsync();

        using var health = await gw.Client.GetAsync("/healthz").WaitAsync(TestGateway.Timeout);
        using var ready = await gw.Client.GetAsync("/readyz").WaitAsync(TestGateway.Timeout);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("ready", JsonNode.Parse(await ready.Content.ReadAsStringAsync())!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Models_ListsConfiguredNamesAndWhatFallbackUpstreamsList()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = (ctx, req) => FakeUpstream.WriteJsonAsync(ctx, "{\"object\":\"list\",\"data\":[{\"id\":\"local-llama\",\"object\":\"model\",\"created\":1,\"owned_by\":\"me\"},{\"id\":\"gpt-4o\",\"object\":\"model\",\"created\":2,\"owned_by\":\"x\"}]}");
        await using var gw = await TestGateway.StartAsync(
            o => o with
            {
                Upstreams =
                [
                    o.Upstreams[0] with { Name = "openai", Models = [Server.Gateway.Configuration.ModelPattern.Parse("gpt-4o")] },
                    o.Upstreams[0] with { Name = "local" },
                ],
            },
            upstream: upstream);

        using var response = await gw.Client.GetAsync("/v1/models").WaitAsync(TestGateway.Timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var data = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["data"]!.AsArray();
        Assert.Equal(["gpt-4o", "local-llama"], data.Select(d => d!["id"]!.GetValue<string>()).ToArray());
        Assert.Equal("openai", data[0]!["owned_by"]!.GetValue<string>());
        Assert.Equal("me", data[1]!["owned_by"]!.GetValue<string>());
    }

    [Fact]
    public async Task Chat_ModelRouting_PicksUpstreamByPattern()
    {
        await using var other = await FakeUpstream.StartAsync();
        await using var gw = await TestGateway.StartAsync(o => o with
        {
            Upstreams =
            [
                o.Upstreams[0] with { Name = "main", Models = [Server.Gateway.Configuration.ModelPattern.Parse("gpt-*")] },
                o.Upstreams[0] with { Name = "other", BaseUrl = other.BaseUrl, Models = [Server.Gateway.Configuration.ModelPattern.Parse("llama-?b")] },
            ],
        });
        var body = TestGateway.Chat("Hello");
        body["model"] = "llama-7b";

        using var first = await gw.ChatAsync(body);
        body["model"] = "mistral";
        using var second = await gw.ChatAsync(body);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Single(other.Received);
        Assert.Empty(gw.Upstream.Received);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Equal("model_not_found", (await ErrorOf(second))["code"]!.GetValue<string>());
        var events = await gw.Events.WaitForAsync(2);
        Assert.Equal("other", events[0].Upstream);
    }

    [Fact]
    public async Task Embeddings_InputIsScannedAndRedacted()
    {
        await using var gw = await TestGateway.StartAsync();
        gw.Upstream.Handler = (ctx, req) => FakeUpstream.WriteJsonAsync(ctx, "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":[0.1,0.2]}],\"model\":\"emb-1\",\"usage\":{\"prompt_tokens\":5,\"total_tokens\":5}}");

        using var ok = await gw.PostAsync("/v1/embeddings", new JsonObject { ["model"] = "emb", ["input"] = new JsonArray("plain text", "has tok-abc123def456 inside") });
        using var blocked = await gw.PostAsync("/v1/embeddings", new JsonObject { ["model"] = "emb", ["input"] = "FORBIDDEN words" });

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Contains("\"embedding\":[0.1,0.2]", await ok.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var sent = Assert.Single(gw.Upstream.Received).Json!;
        Assert.Equal("has [TEST_TOKEN_1] inside", sent["input"]![1]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, blocked.StatusCode);
        Assert.Contains("content_filter", await blocked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var events = await gw.Events.WaitForAsync(2);
        Assert.Equal(Verdict.Redact, events[0].Verdict);
        Assert.Equal(5, events[0].Usage!.PromptTokens);
        Assert.Equal("embeddings", events[0].Attributes!["operation"]);
        Assert.Equal(Verdict.Block, events[1].Verdict);
    }

    /// <summary>Content sent chunked, without a length, so the limit must be enforced while reading.</summary>
    private sealed class PushStreamContent(string text) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            for (var i = 0; i < bytes.Length; i += 1000)
            {
                await stream.WriteAsync(bytes.AsMemory(i, Math.Min(1000, bytes.Length - i)));
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
