using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LlmSecOps.Core.Policy;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Guard;
using LlmSecOps.Server.Gateway;
using LlmSecOps.Server.Gateway.Http;
using LlmSecOps.Server.Tests.Infrastructure;

namespace LlmSecOps.Server.Tests.Gateway;

/// <summary>
/// The cheap paths of a chat request: the canary spliced into the client's own bytes when the guard
/// changed nothing else, the tree rewrite when it did, and clean system prompts remembered per engine.
/// </summary>
public sealed class RequestFastPathTests
{
    private const string Canary = "ref-abcdefghijkmnpqr";

    [Fact]
    public async Task Chat_UnchangedRequest_IsForwardedByteForByteWithOnlyTheCanaryAdded()
    {
        await using var gw = await TestGateway.StartAsync();
        // Odd spacing, an escaped character, content before role: a tree rewrite would change all of it.
        const string raw = "{ \"model\" : \"gpt-test\",\n  \"messages\": [ {\"content\": \"Be brief, caf\\u00e9 owner.\", \"role\": \"system\"},\n {\"role\":\"user\",\"content\":\"Hi there\"} ], \"n\": 1 }";

        using var response = await gw.PostRawAsync("/v1/chat/completions", raw, "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var evt = await gw.Events.SingleAsync();
        var canary = evt.Attributes!["canary"];
        var expected = raw.Replace("caf\\u00e9 owner.\"", $"caf\\u00e9 owner.\\n\\n{CanaryToken.Line(canary)}\"", StringComparison.Ordinal);
        Assert.NotEqual(raw, expected);
        Assert.Equal(expected, Assert.Single(gw.Upstream.Received).Body);
        Assert.Equal(expected, evt.Request);
    }

    [Fact]
    public async Task Chat_RedactedRequest_IsRewrittenWithTheCanaryAndWithoutTheSecret()
    {
        await using var gw = await TestGateway.StartAsync();
        const string raw = "{ \"model\": \"gpt-test\", \"messages\": [ {\"role\": \"system\", \"content\": \"Be brief.\"}, {\"role\":\"user\",\"content\":\"My token is tok-abc123def456\"} ] }";

        using var response = await gw.PostRawAsync("/v1/chat/completions", raw, "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var canary = (await gw.Events.SingleAsync()).Attributes!["canary"];
        var sent = Assert.Single(gw.Upstream.Received);
        Assert.DoesNotContain("tok-abc123def456", sent.Body, StringComparison.Ordinal);
        var messages = sent.Json!["messages"]!.AsArray();
        Assert.Equal("Be brief.\n\n" + CanaryToken.Line(canary), messages[0]!["content"]!.GetValue<string>());
        Assert.Equal("My token is [TEST_TOKEN_1]", messages[1]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task Chat_PlainCompletionWithASecret_IsRedactedForClientAndEvent()
    {
        await using var gw = await TestGateway.StartAsync();
        const string answer = "{\"id\":\"c1\",\"model\":\"gpt-test\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Use tok-abc123def456 here.\",\"refusal\":null},\"finish_reason\":\"stop\"},{\"index\":1,\"message\":{\"role\":\"assistant\",\"content\":\"Nothing secret.\"},\"finish_reason\":\"length\"}],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":5}}";
        gw.Upstream.Handler = (ctx, _) => FakeUpstream.WriteJsonAsync(ctx, answer);

        using var response = await gw.ChatAsync(TestGateway.Chat("Hello"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        var choices = JsonNode.Parse(body)!["choices"]!.AsArray();
        Assert.Equal("Use [TEST_TOKEN_1] here.", choices[0]!["message"]!["content"]!.GetValue<string>());
        Assert.Equal("Nothing secret.", choices[1]!["message"]!["content"]!.GetValue<string>());
        var evt = await gw.Events.SingleAsync();
        Assert.Equal(Verdict.Redact, evt.Verdict);
        Assert.Equal(body, evt.Response);
        Assert.Equal("c1", evt.Attributes!["response_id"]);
        Assert.Equal("stop,length", evt.Attributes["finish_reasons"]);
        Assert.Equal(7, evt.Usage!.PromptTokens);
        Assert.Contains(evt.Findings, f => f.Category == FindingCategories.Secret && f.MessageIndex == 0);
    }

    [Fact]
    public async Task Chat_CompletionWithToolCallsBesideText_IsStillJudgedWhole()
    {
        await using var gw = await TestGateway.StartAsync();
        const string answer = "{\"id\":\"c2\",\"model\":\"gpt-test\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Plain text.\"},\"finish_reason\":\"stop\"},{\"index\":1,\"message\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"t1\",\"type\":\"function\",\"function\":{\"name\":\"lookup\",\"arguments\":\"{\\\"key\\\":\\\"tok-abc123def456\\\"}\"}}]},\"finish_reason\":\"tool_calls\"}]}";
        gw.Upstream.Handler = (ctx, _) => FakeUpstream.WriteJsonAsync(ctx, answer);

        using var response = await gw.ChatAsync(TestGateway.Chat("Hello"));

        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("tok-abc123def456", body, StringComparison.Ordinal);
        var evt = await gw.Events.SingleAsync();
        Assert.Equal(["lookup"], evt.ToolsCalled);
        Assert.Contains(evt.Findings, f => f.Category == FindingCategories.Secret && f.MessageIndex == 1);
    }

    [Theory]
    [InlineData("[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"Hi\"}]")]
    [InlineData("[{\"role\":\"system\",\"content\":\"\"},{\"role\":\"user\",\"content\":\"Hi\"}]")]
    [InlineData("[{\"role\":\"user\",\"content\":\"Hi\"},{\"role\":\"developer\",\"content\":\"Be brief.\"},{\"role\":\"system\",\"content\":\"second\"}]")]
    [InlineData("[{\"role\":\"system\",\"content\":[{\"type\":\"text\",\"text\":\"Be brief.\"}]},{\"role\":\"user\",\"content\":\"Hi\"}]")]
    [InlineData("[{\"role\":\"system\",\"content\":[ ]},{\"role\":\"user\",\"content\":\"Hi\"}]")]
    [InlineData("[ {\"role\":\"user\",\"content\":\"Hi\"} ]")]
    [InlineData("[{\"name\":{\"role\":\"system\"},\"role\":\"\\u0073ystem\",\"content\":\"esc\\\"aped\"}]")]
    public void TryPlant_GivesTheSameJsonAsPlantingIntoTheTree(string messages)
    {
        var body = $"{{\"tools\":[{{\"messages\":[]}}],\"model\":\"m\",\"messages\":{messages},\"temperature\":0.2}}";

        AssertSplicedEqualsTree(body);
    }

    [Theory]
    [InlineData("[{\"role\":\"system\",\"content\":null}]")]
    [InlineData("[{\"role\":\"system\"},{\"role\":\"user\",\"content\":\"Hi\"}]")]
    [InlineData("[{\"role\":\"developer\",\"content\":{\"odd\":true}}]")]
    public void TryPlant_OtherShapes_WriteNothingAndLeaveThemToTheTree(string messages)
    {
        var body = Encoding.UTF8.GetBytes($"{{\"model\":\"m\",\"messages\":{messages}}}");
        using var output = new PooledBufferWriter();

        Assert.False(CanaryToken.TryPlant(body, Canary, output));
        Assert.Equal(0, output.WrittenSpan.Length);
    }

    [Fact]
    public void TryPlant_RandomBytes_NeverThrowsAndWritesNothingWhenItDeclines()
    {
        var random = new Random(7);
        var valid = Encoding.UTF8.GetBytes("{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"}]}");
        for (var run = 0; run < 2000; run++)
        {
            // Truncated, corrupted and random inputs.
            var bytes = run % 3 == 0 ? valid[..random.Next(valid.Length)] : run % 3 == 1 ? Corrupt(valid, random) : RandomBytes(random);
            using var output = new PooledBufferWriter();
            if (!CanaryToken.TryPlant(bytes, Canary, output))
            {
                Assert.Equal(0, output.WrittenSpan.Length);
            }
        }
    }

    [Fact]
    public void TryPlant_RandomConversations_AlwaysMatchTheTree()
    {
        var random = new Random(20261124);
        string[] roles = ["system", "developer", "user", "assistant", "tool"];
        string[] texts = ["", "Be brief.", "caf\\u00e9 \\\"quoted\\\"", "line\\nbreak", "emoji \\ud83d\\ude00", "ünïcödé"];
        for (var run = 0; run < 300; run++)
        {
            var sb = new StringBuilder("{\"model\":\"m\",\"messages\":[");
            var count = random.Next(1, 5);
            for (var i = 0; i < count; i++)
            {
                var role = $"\"role\":\"{roles[random.Next(roles.Length)]}\"";
                var content = random.Next(4) switch
                {
                    0 => $"\"content\":[{{\"type\":\"text\",\"text\":\"{texts[random.Next(texts.Length)]}\"}}]",
                    1 => "\"content\":[]",
                    _ => $"\"content\":\"{texts[random.Next(texts.Length)]}\"",
                };
                sb.Append(i > 0 ? "," : string.Empty).Append('{').Append(random.Next(2) == 0 ? $"{role},{content}" : $"{content},{role}").Append('}');
            }

            sb.Append("],\"stream\":false}");
            AssertSplicedEqualsTree(sb.ToString());
        }
    }

    [Fact]
    public async Task CleanPromptCache_RemembersOnlyCleanSystemPrompts()
    {
        var policy = GuardPolicy.Default with { Deny = new DenyListPolicy { Substrings = ["forbidden-word"] } };
        var cache = new CleanPromptCache(GuardEngine.Create(policy));
        Assert.True(cache.Enabled);

        // Two equal prompts as separate instances, as two requests would carry them.
        var prompt = "You are a helpful travel assistant.";
        var first = await cache.ScanAsync(System(new string(prompt.AsSpan())), CancellationToken.None);
        var again = await cache.ScanAsync(System(new string(prompt.AsSpan())), CancellationToken.None);
        Assert.Equal(Verdict.Allow, first.Verdict);
        Assert.Equal(Verdict.Allow, again.Verdict);
        Assert.Empty(again.Findings);
        Assert.Equal(prompt, again.Text);
        Assert.Same(first.Text, again.Text);
        Assert.Equal(1, cache.Count);

        // A prompt with findings is scanned every time, and keeps its findings.
        for (var i = 0; i < 2; i++)
        {
            var blocked = await cache.ScanAsync(System("Never say the forbidden-word."), CancellationToken.None);
            Assert.Equal(Verdict.Block, blocked.Verdict);
            Assert.Contains(blocked.Findings, f => f.Category == FindingCategories.DenyList);
        }

        // User messages are not remembered.
        await cache.ScanAsync(new ScanRequest { Text = "Hello", Role = "user" }, CancellationToken.None);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task CleanPromptCache_IsBoundToItsEngine_AChangedPolicyIsNeverAnsweredFromIt()
    {
        const string prompt = "You are Compass, the assistant of a travel agency.";
        var lenient = await GatewayVerdictAsync(GuardPolicy.Default, prompt, times: 2);
        var strict = await GatewayVerdictAsync(GuardPolicy.Default with { Deny = new DenyListPolicy { Substrings = ["compass"] } }, prompt, times: 2);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], lenient);
        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest], strict);
    }

    [Fact]
    public void CleanPromptCache_EngineWithOtherScanners_IsNotCached()
    {
        var cache = new CleanPromptCache(new GuardEngine(GuardPolicy.Default, [new MarkerScanner()]));

        Assert.False(cache.Enabled);
        Assert.False(cache.Applies(System("Be brief.")));
    }

    [Fact]
    public async Task CleanPromptCache_StaysWithinItsEntryBound()
    {
        var cache = new CleanPromptCache(GuardEngine.Create(GuardPolicy.Default));

        for (var i = 0; i < CleanPromptCache.MaxEntries + 20; i++)
        {
            await cache.ScanAsync(System($"You are assistant number {i} of the travel desk."), CancellationToken.None);
        }

        Assert.Equal(CleanPromptCache.MaxEntries, cache.Count);
    }

    private static byte[] Corrupt(byte[] source, Random random)
    {
        var copy = (byte[])source.Clone();
        copy[random.Next(copy.Length)] = (byte)random.Next(256);
        return copy;
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(1, 64)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static ScanRequest System(string text) => new() { Text = text, Role = "system", Direction = Direction.Input };

    private static async Task<List<HttpStatusCode>> GatewayVerdictAsync(GuardPolicy policy, string systemPrompt, int times)
    {
        await using var gw = await TestGateway.StartAsync(policy: policy, realScanners: true);
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < times; i++)
        {
            using var response = await gw.ChatAsync(TestGateway.Chat("Which city should we visit in spring?", systemPrompt)).WaitAsync(TestGateway.Timeout);
            codes.Add(response.StatusCode);
        }

        return codes;
    }

    private static void AssertSplicedEqualsTree(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var tree = JsonBody.ParseObject(bytes, out var error);
        Assert.True(tree is not null, error);
        using var output = new PooledBufferWriter();

        Assert.True(CanaryToken.TryPlant(bytes, Canary, output), body);

        CanaryToken.Plant(tree!["messages"]!.AsArray(), Canary);
        var spliced = JsonBody.ParseObject(output.WrittenSpan, out var splicedError);
        Assert.True(spliced is not null, $"{splicedError}: {Encoding.UTF8.GetString(output.WrittenSpan)}");
        Assert.True(JsonNode.DeepEquals(tree, spliced), $"{tree.ToJsonString()}\n{spliced!.ToJsonString()}");
    }
}
