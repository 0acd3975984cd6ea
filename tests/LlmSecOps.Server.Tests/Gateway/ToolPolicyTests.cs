using System.Net;
using System.Text.Json.Nodes;
using LlmSecOps.Core.Policy;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Server.Gateway.Configuration;
using LlmSecOps.Server.Tests.Infrastructure;

namespace LlmSecOps.Server.Tests.Gateway;

public sealed class ToolPolicyTests
{
    private static JsonObject Tool(string name) => new()
    {
        ["type"] = "function",
        ["function"] = new JsonObject
        {
            ["name"] = name,
            ["parameters"] = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject() },
        },
    };

    private static JsonArray Calls(string name, string arguments) => new(new JsonObject
    {
        ["id"] = "call_1",
        ["type"] = "function",
        ["function"] = new JsonObject { ["name"] = name, ["arguments"] = arguments },
    });

    private static JsonObject WithTools(JsonObject body, params string[] names)
    {
        body["tools"] = new JsonArray([.. names.Select(n => (JsonNode)Tool(n))]);
        return body;
    }

    [Fact]
    public async Task Chat_ShellToolNotAllowed_IsStrippedAndToolChoiceFixed()
    {
        // The default policy allows only get_weather.
        await using var gw = await TestGateway.StartAsync();
        var body = WithTools(TestGateway.Chat("What is the weather in Oslo?"), "get_weather", "shell");
        body["tool_choice"] = new JsonObject { ["type"] = "function", ["function"] = new JsonObject { ["name"] = "shell" } };

        using var response = await gw.ChatAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(gw.Upstream.Received).Json!;
        var tools = sent["tools"]!.AsArray();
        Assert.Equal("get_weather", Assert.Single(tools)!["function"]!["name"]!.GetValue<string>());
        Assert.Equal("auto", sent["tool_choice"]!.GetValue<string>());
        var evt = await gw.Events.SingleAsync();
        Assert.Equal(["get_weather"], evt.ToolsOffered);
        var f = Assert.Single(evt.Findings);
        Assert.Equal(FindingCategories.ToolViolation, f.Category);
        Assert.Equal("tool.stripped", f.Rule);
        Assert.Equal(Verdict.Flag, evt.Verdict);
    }

    [Fact]
    public async Task Chat_AllToolsStripped_ToolFieldsRemoved()
    {
        await using var gw = await TestGateway.StartAsync();
        var body = WithTools(TestGateway.Chat("run ls"), "shell");
        body["tool_choice"] = "required";
        body["parallel_tool_calls"] = false;

        using var response = await gw.ChatAsync(body);

        var sent = Assert.Single(gw.Upstream.Received).Json!;
        Assert.False(sent.ContainsKey("tools"));
        Assert.False(sent.ContainsKey("tool_choice"));
        Assert.False(sent.ContainsKey("parallel_tool_calls"));
    }

    [Fact]
    public async Task Chat_RoleGrantsExtraTool()
    {
        var policy = PolicyLoader.Parse("tools: { allow: [get_weather], roles: { ops: [shell] } }");
        var key = "sk-ops-0123456789";
        await using var gw = await TestGateway.StartAsync(
            o => o with
            {
                AllowAnonymous = false,
                ClientKeys = [new ClientKey { Id = "ops-key", Sha256 = Convert.FromHexString(Server.Gateway.Auth.PrincipalResolver.HashKey(key)), User = "olga", Roles = ["ops"] }],
            },
            policy: policy);

        using var response = await gw.ChatAsync(WithTools(TestGateway.Chat("run ls"), "get_weather", "shell"), key);

        Assert.Equal(2, Assert.Single(gw.Upstream.Received).Json!["tools"]!.AsArray().Count);
    }

    [Fact]
    public async Task Chat_RouteToolPolicy_ReplacesThePolicyFilesTools()
    {
        await using var gw = await TestGateway.StartAsync(o => o with
        {
            Routes = new Dictionary<string, RouteOptions>
            {
                ["support"] = new() { Name = "support", Tools = new ToolPolicy { Allow = ["search_kb"] } },
            },
        });

        using var response = await gw.PostAsync("/routes/support/v1/chat/completions", WithTools(TestGateway.Chat("help"), "get_weather", "search_kb"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var tools = Assert.Single(gw.Upstream.Received).Json!["tools"]!.AsArray();
        Assert.Equal("search_kb", Assert.Single(tools)!["function"]!["name"]!.GetValue<string>());
        var evt = await gw.Events.SingleAsync();
        Assert.Equal("/routes/support/v1/chat/completions", evt.Route);
        Assert.Equal("support", evt.Attributes!["route_name"]);
    }

    [Fact]
    public async Task Chat_UnknownRoute_Is404()
    {
        await using var gw = await TestGateway.StartAsync();

        using var response = await gw.PostAsync("/routes/nope/v1/chat/completions", TestGateway.Chat("x"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("unknown_route", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["code"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Completion_OutOfBandToolCall_IsBlocked(bool stream)
    {
        await using var gw = await TestGateway.StartAsync();
        gw.Upstream.Handler = (ctx, req) => FakeUpstream.Respond(ctx, req, "", toolCalls: Calls("shell", "{\"command\":\"cat /etc/passwd\"}"));

        using var response = await gw.ChatAsync(WithTools(TestGateway.Chat("weather?", stream: stream), "get_weather"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("content_filter", body, StringComparison.Ordinal);
        Assert.Contains("tool_violation", body, StringComparison.Ordinal);
        Assert.DoesNotContain("passwd", body, StringComparison.Ordinal);
        var evt = await gw.Events.SingleAsync();
        Assert.Equal(Verdict.Block, evt.Verdict);
        Assert.Equal(["shell"], evt.ToolsCalled);
        Assert.Contains(evt.Findings, f => f.Rule == "tool.out_of_band");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Completion_AllowedToolCall_IsDeliveredWhole(bool stream)
    {
        await using var gw = await TestGateway.StartAsync();
        const string args = "{\"city\":\"Oslo\",\"unit\":\"celsius\"}";
        gw.Upstream.Handler = (ctx, req) => FakeUpstream.Respond(ctx, req, "", toolCalls: Calls("get_weather", args));

        using var response = await gw.ChatAsync(WithTools(TestGateway.Chat("weather?", stream: stream), "get_weather"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        if (stream)
        {
            var events = await Sse.ReadEventsAsync(response);
            var calls = events.Where(e => e.Contains("tool_calls", StringComparison.Ordinal) && e != "[DONE]")
                .Select(e => JsonNode.Parse(e)!["choices"]![0]!["delta"]!["tool_calls"]).Where(n => n is not null).ToList();
            var call = Assert.Single(calls)![0]!;
            Assert.Equal("get_weather", call["function"]!["name"]!.GetValue<string>());
            Assert.Equal(args, call["function"]!["arguments"]!.GetValue<string>());
            Assert.Equal("call_1", call["id"]!.GetValue<string>());
            Assert.Contains(events, e => e.Contains("\"finish_reason\":\"tool_calls\"", StringComparison.Ordinal));
        }
        else
        {
            var doc = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal(args, doc["choices"]![0]!["message"]!["tool_calls"]![0]!["function"]!["arguments"]!.GetValue<string>());
        }

        var evt = await gw.Events.SingleAsync();
        Assert.Equal(Verdict.Allow, evt.Verdict);
        Assert.Equal(["get_weather"], evt.ToolsCalled);
    }

    [Theory]
    [InlineData("{\"url\":\"https://api.example.com/v1/data\"}", true)]
    [InlineData("{\"url\":\"https://docs.example.com/page\"}", true)]
    [InlineData("{\"url\":\"https://evil.example.net/steal\"}", false)]
    [InlineData("{\"url\":\"https://api.example.com@evil.example.net/\"}", false)]
    [InlineData("{\"url\":\"not a url\"}", false)]
    public async Task Completion_FetchUrlArgument_IsCheckedAgainstHostAllowList(string args, bool allowed)
    {
        var policy = PolicyLoader.Parse("""
            tools:
              allow: [fetch]
              arguments:
                fetch:
                  url: { allowed_hosts: [api.example.com, "*.example.com"] }
            """);
        await using var gw = await TestGateway.StartAsync(policy: policy);
        gw.Upstream.Handler = (ctx, req) => FakeUpstream.Respond(ctx, req, "", toolCalls: Calls("fetch", args));

        using var response = await gw.ChatAsync(WithTools(TestGateway.Chat("fetch it"), "fetch"));

        Assert.Equal(allowed ? HttpStatusCode.OK : HttpStatusCode.BadRequest, response.StatusCode);
        var evt = await gw.Events.SingleAsync();
        Assert.Equal(!allowed, evt.Findings.Any(f => f.Rule == "tool.argument_constraint"));
    }

    [Theory]
    [InlineData("/srv/files/report.txt", true)]
    [InlineData("/srv/files/sub/../report.txt", true)]
    [InlineData("/srv/files/../secrets/key.pem", false)]
    [InlineData("/srv/filesystem/x", false)]
    [InlineData("/srv/files/%2e%2e/etc/passwd", false)]
    public async Task Completion_FilePathArgument_IsCheckedAgainstPrefixAfterNormalising(string path, bool allowed)
    {
        var policy = PolicyLoader.Parse("""
            tools:
              allow: [read_file]
              arguments:
                read_file:
                  path: { path_prefix: [/srv/files] }
                  mode: { pattern: "r|rb" }
            """);
        await using var gw = await TestGateway.StartAsync(policy: policy);
        var args = new JsonObject { ["path"] = path, ["mode"] = "r" }.ToJsonString();
        gw.Upstream.Handler = (ctx, req) => FakeUpstream.Respond(ctx, req, "", toolCalls: Calls("read_file", args));

        using var response = await gw.ChatAsync(WithTools(TestGateway.Chat("read it", stream: true), "read_file"));

        if (allowed)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Null(Sse.Error(await Sse.ReadEventsAsync(response)));
        }
        else
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }

    [Fact]
    public async Task Completion_ArgumentsViolatingSchema_AreBlocked()
    {
        var policy = PolicyLoader.Parse("""
            tools:
              allow: [book]
              arguments:
                book:
                  nights: { schema: { type: integer, minimum: 1, maximum: 14 } }
            """);
        await using var gw = await TestGateway.StartAsync(policy: policy);
        gw.Upstream.Handler = (ctx, req) => FakeUpstream.Respond(ctx, req, "", toolCalls: Calls("book", "{\"nights\": 400}"));

        using var response = await gw.ChatAsync(WithTools(TestGateway.Chat("book"), "book"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var evt = await gw.Events.SingleAsync();
        Assert.Contains(evt.Findings, f => f.Rule == "tool.argument_constraint" && f.Message!.Contains("maximum", StringComparison.Ordinal));
    }
}
