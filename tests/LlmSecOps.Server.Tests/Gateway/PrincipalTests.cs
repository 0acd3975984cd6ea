using System.Net;
using System.Text.Json.Nodes;
using LlmSecOps.Server.Gateway.Auth;
using LlmSecOps.Server.Gateway.Configuration;
using LlmSecOps.Server.Tests.Infrastructure;

namespace LlmSecOps.Server.Tests.Gateway;

public sealed class PrincipalTests
{
    private const string Key = "sk-test-frontend-7f3a9c";

    private static Func<GatewayOptions, GatewayOptions> Keys(bool anonymous = false, params string[] trusted) => o => o with
    {
        AllowAnonymous = anonymous,
        AnonymousRoles = ["guest"],
        ClientKeys =
        [
            new ClientKey { Id = "frontend", Sha256 = Convert.FromHexString(PrincipalResolver.HashKey(Key)), User = "web-frontend", Roles = ["app", "reader"], Tenant = "acme" },
            new ClientKey { Id = "other", Sha256 = Convert.FromHexString(PrincipalResolver.HashKey("sk-other")), User = "other" },
        ],
        TrustedProxies = [.. trusted.Select(t => { GatewayConfigLoader.TryParseNetwork(t, out var n); return n; })],
    };

    [Fact]
    public async Task Chat_ValidKey_EventCarriesUserRolesTenantAndKeyId()
    {
        await using var gw = await TestGateway.StartAsync(Keys());

        using var response = await gw.ChatAsync(TestGateway.Chat("Hello"), Key);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var p = (await gw.Events.SingleAsync()).Principal!;
        Assert.Equal("web-frontend", p.UserId);
        Assert.Equal(["app", "reader"], p.Roles);
        Assert.Equal("acme", p.Tenant);
        Assert.Equal("frontend", p.ApiKeyId);
        Assert.Equal("127.0.0.1", p.ClientIp);
        Assert.DoesNotContain(Key, Assert.Single(gw.Upstream.Received).Authorization, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_WrongKey_Is401AndRecorded()
    {
        await using var gw = await TestGateway.StartAsync(Keys());

        using var response = await gw.ChatAsync(TestGateway.Chat("Hello"), "sk-wrong");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_api_key", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["code"]!.GetValue<string>());
        Assert.Empty(gw.Upstream.Received);
        var evt = await gw.Events.SingleAsync();
        Assert.Equal(401, evt.Status);
        Assert.Null(evt.Principal!.UserId);
    }

    [Fact]
    public async Task Chat_NoKeyAnonymousOff_Is401()
    {
        await using var gw = await TestGateway.StartAsync(Keys());

        using var response = await gw.ChatAsync(TestGateway.Chat("Hello"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("missing_api_key", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Chat_NoKeyAnonymousOn_GetsAnonymousRoles()
    {
        await using var gw = await TestGateway.StartAsync(Keys(anonymous: true));

        using var response = await gw.ChatAsync(TestGateway.Chat("Hello"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var p = (await gw.Events.SingleAsync()).Principal!;
        Assert.Null(p.UserId);
        Assert.Equal(["guest"], p.Roles);
    }

    [Fact]
    public async Task Chat_ForwardedForFromUntrustedPeer_IsIgnored()
    {
        await using var gw = await TestGateway.StartAsync(Keys(true, "10.0.0.0/8"));

        using var response = await gw.PostAsync("/v1/chat/completions", TestGateway.Chat("Hello"), headers: new Dictionary<string, string> { ["X-Forwarded-For"] = "203.0.113.9" });

        Assert.Equal("127.0.0.1", (await gw.Events.SingleAsync()).Principal!.ClientIp);
    }

    [Fact]
    public async Task Chat_ForwardedForFromTrustedPeer_TakesNearestUntrustedHop()
    {
        await using var gw = await TestGateway.StartAsync(Keys(true, "127.0.0.1", "10.0.0.0/8"));

        // A client can put anything on the left; only the hops appended by trusted proxies count.
        using var response = await gw.PostAsync("/v1/chat/completions", TestGateway.Chat("Hello"), headers: new Dictionary<string, string> { ["X-Forwarded-For"] = "1.2.3.4, 198.51.100.7, 10.1.2.3" });

        Assert.Equal("198.51.100.7", (await gw.Events.SingleAsync()).Principal!.ClientIp);
    }
}
