using LlmSecOps.Core.Policy;
using LlmSecOps.Core.Scanning;

namespace LlmSecOps.Core.Tests.Policy;

public sealed class PolicyLoaderTests
{
    private const string Documented = """
        input:  { prompt_injection: block, secrets: redact, pii: redact }
        output: { canary: block, system_prompt_leak: block, exfiltration_links: block, secrets: redact }
        tools:  { allow: [get_weather] }
        """;

    [Fact]
    public void Parse_DocumentedPolicy_MapsAliasesToCategories()
    {
        var policy = PolicyLoader.Parse(Documented);

        Assert.Equal(PolicyAction.Block, policy.Input.For(FindingCategories.PromptInjection));
        Assert.Equal(PolicyAction.Redact, policy.Input.For(FindingCategories.Secret));
        Assert.Equal(PolicyAction.Redact, policy.Input.For(FindingCategories.Pii));
        Assert.Equal(PolicyAction.Block, policy.Output.For(FindingCategories.CanaryLeak));
        Assert.Equal(PolicyAction.Block, policy.Output.For(FindingCategories.SystemPromptLeak));
        Assert.Equal(PolicyAction.Block, policy.Output.For(FindingCategories.ExfiltrationLink));
        Assert.Equal(PolicyAction.Redact, policy.Output.For(FindingCategories.Secret));
        Assert.Equal(["get_weather"], policy.Tools.Allow);
    }

    [Fact]
    public void Default_AgreesWithDocumentedPolicy()
    {
        var parsed = PolicyLoader.Parse(Documented);
        var d = GuardPolicy.Default;

        foreach (var category in FindingCategories.All)
        {
            Assert.Equal(d.Input.For(category), parsed.Input.For(category));
            Assert.Equal(d.Output.For(category), parsed.Output.For(category));
        }

        Assert.True(d.Tools.IsAllowed("get_weather", []));
        Assert.False(d.Tools.IsAllowed("shell", []));
    }

    [Fact]
    public void Parse_OverridesOnlyWhatTheFileSays()
    {
        var policy = PolicyLoader.Parse("input: { pii: off }\n");

        Assert.Equal(PolicyAction.Off, policy.Input.For(FindingCategories.Pii));
        Assert.Equal(PolicyAction.Block, policy.Input.For(FindingCategories.PromptInjection));
    }

    [Fact]
    public void Parse_BrokenPolicy_ReportsEveryProblemWithPosition()
    {
        const string yaml = """
            input:
              prompt_injection: destroy
              secretz: redact
            output:
              canary: block
            tolls: {}
            limits: { max_input_chars: -4 }
            """;

        var ex = Assert.Throws<PolicyException>(() => PolicyLoader.Parse(yaml, "p.yaml"));

        Assert.Equal(4, ex.Errors.Count);
        Assert.Contains(ex.Errors, e => e.Line == 2 && e.Message.Contains("destroy", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Line == 3 && e.Message.Contains("secretz", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Line == 6 && e.Message.Contains("tolls", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Line == 7 && e.Column > 1);
        Assert.All(ex.Errors, e => Assert.Equal("p.yaml", e.Source));
    }

    [Fact]
    public void Parse_SectionValues_OfTheWrongKindAreErrorsAtTheirPosition()
    {
        const string yaml = """
            links:
              allowed_hosts: [docs.example.com]
              allowed_host: [cdn.example.com]
            classifier: { enabled: maybe }
            limits: { max_input_chars: 12.5 }
            tools: { allow: { shell: true } }
            """;

        var ex = Assert.Throws<PolicyException>(() => PolicyLoader.Parse(yaml, "p.yaml"));

        Assert.Contains(ex.Errors, e => e.Line == 3 && e.Message.Contains("unknown key 'allowed_host'", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Line == 4 && e.Message.Contains("true or false", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Line == 5 && e.Message.Contains("whole number", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Line == 6 && e.Message.Contains("list of strings", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("yes", true)]
    [InlineData(" On ", true)]
    [InlineData("FALSE", false)]
    [InlineData("off", false)]
    public void Parse_BooleanSpellings_AreAccepted(string spelling, bool expected)
    {
        var policy = PolicyLoader.Parse($"classifier: {{ enabled: '{spelling}' }}\n");

        Assert.Equal(expected, policy.ClassifierEnabled);
    }

    [Fact]
    public void Parse_ClassifierCorroboration_IsOnByDefault_AndCanBeTurnedOff()
    {
        Assert.True(GuardPolicy.Default.CorroborateAttacks);
        Assert.True(PolicyLoader.Parse("classifier: { enabled: true }\n").CorroborateAttacks);

        var off = PolicyLoader.Parse("classifier: { corroborate: false }\n");
        Assert.False(off.CorroborateAttacks);
        Assert.True(off.ClassifierEnabled);

        var ex = Assert.Throws<PolicyException>(() => PolicyLoader.Parse("classifier: { corroborate: sometimes, corroborates: true }\n"));
        Assert.Contains(ex.Errors, e => e.Message.Contains("true or false", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Message.Contains("unknown key 'corroborates'", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_InvalidYamlSyntax_ReportsLineAndColumn()
    {
        var ex = Assert.Throws<PolicyException>(() => PolicyLoader.Parse("input: { prompt_injection: block\noutput: [", "x.yaml"));

        var error = Assert.Single(ex.Errors);
        Assert.True(error.Line >= 1);
        Assert.StartsWith("invalid YAML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RedactOnNonRedactableCategory_IsAnError()
    {
        var ex = Assert.Throws<PolicyException>(() => PolicyLoader.Parse("input: { prompt_injection: redact }"));

        Assert.Contains("redact", Assert.Single(ex.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DeeplyNested_IsRejectedWithoutOverflow()
    {
        var yaml = "input: " + new string('[', 100_000);

        var ex = Assert.Throws<PolicyException>(() => PolicyLoader.Parse(yaml));

        Assert.Contains("nesting", Assert.Single(ex.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidDenyRegex_IsAnError()
    {
        var ex = Assert.Throws<PolicyException>(() => PolicyLoader.Parse("deny: { regexes: ['(unclosed'] }"));

        Assert.Contains("regular expression", Assert.Single(ex.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ToolArguments_ReadsConstraints()
    {
        const string yaml = """
            tools:
              allow: [fetch, read_file]
              roles: { admin: [shell] }
              arguments:
                fetch: { url: { allowed_hosts: [api.example.com, "*.example.org"] } }
                read_file: { path: { path_prefix: [/srv/docs/] } }
                get_weather: { city: { pattern: "^[A-Za-z ]{1,40}$", schema: { type: string, maxLength: 40 } } }
            """;

        var policy = PolicyLoader.Parse(yaml);

        Assert.True(policy.Tools.IsAllowed("shell", ["admin"]));
        Assert.False(policy.Tools.IsAllowed("shell", ["viewer"]));
        Assert.Equal(["api.example.com", "*.example.org"], policy.Tools.Arguments["fetch"]["url"].AllowedHosts);
        Assert.Equal(["/srv/docs/"], policy.Tools.Arguments["read_file"]["path"].PathPrefixes);
        Assert.Equal("""{"type":"string","maxLength":40}""", policy.Tools.Arguments["get_weather"]["city"].Schema);
    }

    [Fact]
    public void Parse_RandomBytes_NeverThrowsAnythingButPolicyException()
    {
        var random = new Random(1234);
        for (var i = 0; i < 500; i++)
        {
            var chars = new char[random.Next(0, 200)];
            for (var j = 0; j < chars.Length; j++)
            {
                chars[j] = (char)random.Next(1, 0x3000);
            }

            try
            {
                PolicyLoader.Parse(new string(chars));
            }
            catch (PolicyException)
            {
            }
        }
    }
}
