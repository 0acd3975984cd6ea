using LlmSecOps.Core.Policy;
using LlmSecOps.Lint.PolicyGen;
using LlmSecOps.Lint.Tests.Support;

namespace LlmSecOps.Lint.Tests;

public sealed class PolicyGenerateTests
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
}
