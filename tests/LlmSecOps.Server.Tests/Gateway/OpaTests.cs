using System.Net;
using System.Text.Json.Nodes;
using LlmSecOps.Server.Gateway.Configuration;
using LlmSecOps.Server.Tests.Infrastructure;

namespace LlmSecOps.Server.Tests.Gateway;

public sealed class OpaTests
{
    // Generous by default: the first query of a process pays for JIT, and on a loaded 2-core
    // machine that alone passed 500 ms. The timeout test sets its own short one.
    private static Func<GatewayOptions, GatewayOptions> WithOpa(FakeOpaServer opa, bool failOpen = false, int timeoutMs = 5000) =>
        o => o with { Opa = new OpaOptions { Url = opa.Url, Path = "llmsecops/gateway/decision", Timeout = TimeSpan.FromMilliseconds(timeoutMs), FailOpen = failOpen } };

    [Fact]
    public async Task Opa_Allows_RequestGoesThroughAndOpaSawTheDocumentedInput()
    {
        await using var opa = await FakeOpaServer.StartAsync();
        opa.Decide = _ => new JsonObject { ["allow"] = true, ["reasons"] = new JsonArray() };
        await using var gw = await TestGateway.StartAsync(WithOpa(opa));
        var body = TestGateway.Chat("token tok-abc123def456");
        body["tools"] = new JsonArray(new JsonObject { ["type"] = "function", ["function"] = new JsonObject { ["name"] = "shell" } });

        using var response = await gw.ChatAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (path, input) = Assert.Single(opa.Queries);
        Assert.Equal("llmsecops/gateway/decision", path);
        Assert.Equal("chat", input["operation"]!.GetValue<string>());
        Assert.Equal("default", input["route"]!["name"]!.GetValue<string>());
        Assert.Equal("gpt-test", input["model"]!.GetValue<string>());
        Assert.Equal("redact", input["verdict"]!.GetValue<string>());
        Assert.Equal("127.0.0.1", input["principal"]!["client_ip"]!.GetValue<string>());
        Assert.Contains(input["findings"]!.AsArray(), f => f!["category"]!.GetValue<string>() == "secret");
        Assert.Equal("shell", input["tools"]!["removed"]![0]!.GetValue<string>());
        Assert.DoesNotContain("tok-abc123def456", input.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("allow", (await gw.Events.SingleAsync()).Attributes!["opa"]);
    }

    [Fact]
    public async Task Opa_DeniesWithReasons_Is403WithThem()
    {
        await using var opa = await FakeOpaServer.StartAsync();
        opa.Decide = input => new JsonObject { ["allow"] = false, ["reasons"] = new JsonArray("tenant acme may not use gpt-test") };
        await using var gw = await TestGateway.StartAsync(WithOpa(opa));

        using var response = await gw.ChatAsync(TestGateway.Chat("Hello"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal("policy_denied", error["code"]!.GetValue<string>());
        Assert.Contains("tenant acme may not use gpt-test", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(gw.Upstream.Received);
        Assert.Equal("deny", (await gw.Events.SingleAsync()).Attributes!["opa"]);
    }

    [Fact]
    public async Task Opa_DenyMessagesSet_Denies()
    {
        await using var opa = await FakeOpaServer.StartAsync();
        opa.Decide = _ => new JsonObject { ["deny"] = new JsonArray("no tools after hours") };
        await using var gw = await TestGateway.StartAsync(WithOpa(opa));

        using var response = await gw.ChatAsync(TestGateway.Chat("Hello"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("no tools after hours", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opa_BooleanResult_IsObeyed()
    {
        await using var opa = await FakeOpaServer.StartAsync();
        opa.Decide = _ => false;
        await using var gw = await TestGateway.StartAsync(WithOpa(opa));

        using var response = await gw.ChatAsync(TestGateway.Chat("Hello"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData(true, HttpStatusCode.OK, "error-open")]
    [InlineData(false, HttpStatusCode.ServiceUnavailable, "error-closed")]
    public async Task Opa_Timeout_FollowsFailMode(bool failOpen, HttpStatusCode expected, string summary)
    {
        await using var opa = await FakeOpaServer.StartAsync();
        opa.Delay = TimeSpan.FromSeconds(5);
        await using var gw = await TestGateway.StartAsync(WithOpa(opa, failOpen, timeoutMs: 200));

        using var response = await gw.ChatAsync(TestGateway.Chat("Hello"));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(failOpen ? 1 : 0, gw.Upstream.Received.Count);
        Assert.Equal(summary, (await gw.Events.SingleAsync()).Attributes!["opa"]);
    }

    [Theory]
    [InlineData(true, HttpStatusCode.OK)]
    [InlineData(false, HttpStatusCode.ServiceUnavailable)]
    public async Task Opa_UndefinedDecision_FollowsFailMode(bool failOpen, HttpStatusCode expected)
    {
        await using var opa = await FakeOpaServer.StartAsync();
        opa.Decide = _ => null;
        await using var gw = await TestGateway.StartAsync(WithOpa(opa, failOpen));

        using var response = await gw.ChatAsync(TestGateway.Chat("Hello"));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Opa_BlockedByGuards_OpaIsNotAsked()
    {
        await using var opa = await FakeOpaServer.StartAsync();
        await using var gw = await TestGateway.StartAsync(WithOpa(opa));

        using var response = await gw.ChatAsync(TestGateway.Chat("FORBIDDEN"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(opa.Queries);
    }
}
