using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LlmSecOps.Cli;
using LlmSecOps.Core.Policy;
using LlmSecOps.Lint.PolicyGen;
using LlmSecOps.Lint.Tests.Support;

namespace LlmSecOps.Lint.Tests;

public sealed partial class PolicyGenerateTests
{
    private static string SampleApp => Path.Combine(TestPaths.RepoRoot, "samples", "app");

    [Fact]
    public void SampleApp_PolicyIsAcceptedByTheLoader_AndHoldsWhatTheAppUses()
    {
        var generated = PolicyGenerator.Generate([SampleApp], TestPaths.RepoRoot);
        var policy = PolicyLoader.Parse(generated.ToYaml("samples/app"), "generated.yaml");

        Assert.Equal(["claude-3-5-sonnet-20241022", "gpt-4o-2024-08-06", "gpt-4o-mini-2024-07-18"], policy.Models.Allow);
        Assert.Equal(["https://api.anthropic.com", "https://api.openai.com/v1"], policy.Endpoints.Allow);
        Assert.Equal(["fetch_docs_page", "get_service_status", "search_docs"], policy.Tools.Allow);
        Assert.True(policy.Tools.IsAllowed("search_docs", []));
        Assert.False(policy.Tools.IsAllowed("run_shell", []));
        Assert.Equal(["docs.example.com"], policy.Tools.Arguments["fetch_docs_page"]["url"].AllowedHosts);
        Assert.Contains("\"enum\":[\"eu-west\",\"us-east\",\"ap-south\"]", policy.Tools.Arguments["get_service_status"]["region"].Schema, StringComparison.Ordinal);
        Assert.Contains("\"maxLength\":200", policy.Tools.Arguments["search_docs"]["query"].Schema, StringComparison.Ordinal);
        Assert.Equal(["docs.example.com", "status.example.com"], policy.AllowedLinkHosts);
        // Everything not in the generated file keeps the documented defaults.
        Assert.Equal(GuardPolicy.Default.Input.Actions, policy.Input.Actions);
    }

    [Fact]
    public async Task Cli_PolicyGenerate_WritesAFileTheLoaderAccepts()
    {
        using var dir = new TempDir();
        dir.CopyFrom(SampleApp);

        var (exit, stdout, _) = await CliRunner.RunAsync(dir.Path, "policy", "generate", ".", "-o", "policy/usage.yaml");

        Assert.Equal(0, exit);
        Assert.Contains("3 models, 2 endpoints, 3 tools, 2 hosts", stdout, StringComparison.Ordinal);
        var policy = PolicyLoader.LoadFile(Path.Combine(dir.Path, "policy", "usage.yaml"));
        Assert.Equal(3, policy.Tools.Allow!.Count);
    }

    [Fact]
    public void ToolsFromCode_AndConfig_GetTypedSchemas()
    {
        using var dir = new TempDir();
        dir.Write("agent.py", "from typing import Literal\nfrom langchain.tools import tool\n\n@tool\ndef set_mode(mode: Literal['eco', 'turbo'], level: int) -> str:\n    \"\"\"Sets the device mode.\"\"\"\n    return mode\n");
        dir.Write("Plugin.cs", "using Microsoft.SemanticKernel;\npublic sealed class Lights\n{\n    [KernelFunction(\"switch_light\")]\n    [Description(\"Turns a light on or off.\")]\n    public string Switch([Description(\"Room\")] string room, bool on) => room;\n}\n");
        dir.Write("tools.yaml", "functions:\n  - name: read_report\n    description: Reads one saved report.\n    parameters:\n      type: object\n      properties:\n        path: { type: string, pattern: \"^/srv/reports/[a-z0-9-]+\\\\.pdf$\" }\n");

        var generated = PolicyGenerator.Generate(["."], dir.Path);
        var policy = PolicyLoader.Parse(generated.ToYaml());

        Assert.Equal(["read_report", "set_mode", "switch_light"], policy.Tools.Allow);
        Assert.Contains("\"enum\":[\"eco\",\"turbo\"]", policy.Tools.Arguments["set_mode"]["mode"].Schema, StringComparison.Ordinal);
        Assert.Equal("{\"type\":\"integer\"}", policy.Tools.Arguments["set_mode"]["level"].Schema);
        Assert.Equal("{\"type\":\"boolean\"}", policy.Tools.Arguments["switch_light"]["on"].Schema);
        Assert.Equal(["/srv/reports/"], policy.Tools.Arguments["read_report"]["path"].PathPrefixes);
    }

    [Fact]
    public void NoTools_GeneratesAnEmptyToolAllowList()
    {
        using var dir = new TempDir();
        dir.Write("app.py", "from openai import OpenAI\nclient = OpenAI()\nr = client.chat.completions.create(model=\"gpt-4o-2024-08-06\", messages=[], max_tokens=10)\n");

        var policy = PolicyLoader.Parse(PolicyGenerator.Generate(["."], dir.Path).ToYaml());

        Assert.Empty(policy.Tools.Allow!);
        Assert.False(policy.Tools.IsAllowed("get_weather", []));
        Assert.Equal(["gpt-4o-2024-08-06"], policy.Models.Allow);
    }

    [Fact]
    public async Task SampleApp_GeneratedPolicy_IsServed_AndItsToolAllowListIsEnforced()
    {
        using var dir = new TempDir();
        dir.CopyFrom(SampleApp);
        var (exit, _, stderr) = await CliRunner.RunAsync(dir.Path, "policy", "generate", ".", "-o", "usage.yaml");
        Assert.True(exit == 0, stderr);

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var upstream = await FakeLlmUpstream.StartAsync(cts.Token);

        // The generated endpoint allow-list names the providers the code calls; serve refuses an
        // upstream outside it, so the reviewer adds the local one, as a user pointing serve at a test upstream would.
        var policyPath = Path.Combine(dir.Path, "usage.yaml");
        var policy = await File.ReadAllTextAsync(policyPath, cts.Token);
        Assert.Contains("endpoints:\n  allow:\n", policy, StringComparison.Ordinal);
        await File.WriteAllTextAsync(policyPath, policy.Replace("endpoints:\n  allow:\n", $"endpoints:\n  allow:\n    - {upstream.BaseUrl}\n", StringComparison.Ordinal), cts.Token);
        var inner = new StringWriter();
        var stdout = TextWriter.Synchronized(inner);
        var stderrWriter = TextWriter.Synchronized(new StringWriter());
        var io = new CliIo(new StringReader(string.Empty), stdout, stderrWriter, InputRedirected: false, OutputIsTerminal: false)
        {
            WorkingDirectory = dir.Path,
            GetEnvironmentVariable = static _ => null,
        };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cts.Token);
        var serve = CliApp.RunAsync(["serve", "--upstream", upstream.BaseUrl, "--urls", "http://127.0.0.1:0", "--policy", "usage.yaml", "--data-dir", Path.Combine(dir.Path, "data")], io, stop.Token);

        string? gateway = null;
        while (gateway is null && !serve.IsCompleted)
        {
            await Task.Delay(50, cts.Token);
            lock (stdout)
            {
                gateway = ListeningRegex().Match(inner.ToString()) is { Success: true } m ? m.Groups["url"].Value : null;
            }
        }

        Assert.True(gateway is not null, $"serve did not start: exit {(serve.IsCompleted ? await serve : -1)}, {stderrWriter}");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var request = new JsonObject
        {
            ["model"] = "gpt-4o-2024-08-06",
            ["max_tokens"] = 50,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "How do I reset my router?" }),
            ["tools"] = new JsonArray(Tool("search_docs"), Tool("run_shell")),
        };
        using var response = await http.PostAsync(gateway + "/v1/chat/completions", new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json"), cts.Token);
        var body = await response.Content.ReadAsStringAsync(cts.Token);

        Assert.True(response.IsSuccessStatusCode, body);
        Assert.Contains("Restart the router", body, StringComparison.Ordinal);
        var sent = JsonNode.Parse(Assert.Single(upstream.Requests))!;
        var offered = sent["tools"]!.AsArray().Select(static t => t!["function"]!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(["search_docs"], offered);

        await stop.CancelAsync();
        Assert.Equal(0, await serve.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    private static JsonObject Tool(string name) => new()
    {
        ["type"] = "function",
        ["function"] = new JsonObject
        {
            ["name"] = name,
            ["description"] = "A tool offered by the client.",
            ["parameters"] = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["query"] = new JsonObject { ["type"] = "string", ["maxLength"] = 200 } } },
        },
    };

    [GeneratedRegex(@"listening on (?<url>http://127\.0\.0\.1:\d+)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ListeningRegex();
}
