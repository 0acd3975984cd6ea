using LlmSecOps.Core.Policy;

namespace LlmSecOps.Core.Tests.Policy;

public sealed class PolicyLoaderUsageSectionsTests
{
    [Fact]
    public void Parse_ModelsAndEndpoints_ReadsAllowLists()
    {
        var policy = PolicyLoader.Parse("""
            models:
              allow: [gpt-4o-2024-08-06, "claude-3-5-sonnet-2024*"]
            endpoints:
              allow: [https://api.openai.com/v1, "*.openai.azure.com"]
            """);

        Assert.Equal(["gpt-4o-2024-08-06", "claude-3-5-sonnet-2024*"], policy.Models.Allow);
        Assert.True(policy.Models.IsAllowed("gpt-4o-2024-08-06"));
        Assert.True(policy.Models.IsAllowed("claude-3-5-sonnet-20241022"));
        Assert.False(policy.Models.IsAllowed("gpt-4o"));
        Assert.True(policy.Endpoints.IsAllowed(new Uri("https://api.openai.com/v1/chat/completions")));
        Assert.False(policy.Endpoints.IsAllowed(new Uri("https://api.openai.com/v10/other")));
        Assert.True(policy.Endpoints.IsAllowed(new Uri("https://myres.openai.azure.com/openai/deployments/x")));
        Assert.False(policy.Endpoints.IsAllowed(new Uri("https://evil.example/v1")));
    }

    [Fact]
    public void Default_HasNoModelOrEndpointAllowList()
    {
        var policy = PolicyLoader.Parse("input: { pii: flag }\n");

        Assert.Null(policy.Models.Allow);
        Assert.Null(policy.Endpoints.Allow);
        Assert.True(policy.Models.IsAllowed("anything"));
        Assert.True(policy.Endpoints.IsAllowed(new Uri("https://anywhere.example/")));
    }

    [Fact]
    public void Parse_StarAllow_MeansNoAllowList()
    {
        var policy = PolicyLoader.Parse("models: { allow: \"*\" }\n");

        Assert.Null(policy.Models.Allow);
    }

    [Fact]
    public void Parse_BadUsageSections_ReportEveryProblemWithPosition()
    {
        const string yaml = """
            models:
              allowed: [gpt-4o]
            endpoints:
              allow: ["https://"]
            """;

        var ex = Assert.Throws<PolicyException>(() => PolicyLoader.Parse(yaml, "p.yaml"));

        Assert.Contains(ex.Errors, e => e.Line == 2 && e.Message.Contains("allowed", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Line == 4 && e.Message.Contains("not a valid URL", StringComparison.Ordinal));
    }
}
