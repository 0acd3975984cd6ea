using System.Text.Json;
using LlmSecOps.Lint.Schema;
using LlmSecOps.Lint.Tests.Support;

namespace LlmSecOps.Lint.Tests;

public sealed class SchemaTests
{
    private const string Yaml = """
        version: 1
        templates:
          triage:
            path: prompts/triage.*
            variables:
              ticket: { type: string, max_length: 10, min_length: 2 }
              priority: { type: integer }
              tags: { type: array, max_length: 2, required: false }
              channel: { enum: [email, chat], trust: trusted }
        """;

    [Fact]
    public void Validate_ReportsEveryViolation()
    {
        var schema = PromptSchema.Parse(Yaml);

        var violations = schema.Validate("triage", new Dictionary<string, object?>
        {
            ["ticket"] = "x",
            ["priority"] = 1.5,
            ["tags"] = new List<object?> { "a", "b", "c" },
            ["channel"] = "fax",
            ["surprise"] = true,
        });

        Assert.Equal(
            ["ticket:min_length", "priority:type", "tags:max_length", "channel:enum", "surprise:undeclared"],
            violations.Select(static v => $"{v.Variable}:{v.Code}"));
    }

    [Fact]
    public void Validate_JsonElement_ForTheGateway()
    {
        var schema = PromptSchema.Parse(Yaml);
        using var doc = JsonDocument.Parse("""{"ticket": "Router down", "priority": 2, "channel": "chat"}""");

        var violations = schema.Validate("triage", doc.RootElement);

        Assert.Equal("ticket:max_length", Assert.Single(violations).Variable + ":" + violations[0].Code);
        Assert.Equal("unknown_template", schema.Validate("nope", doc.RootElement)[0].Code);
        Assert.Empty(schema.Validate("triage", JsonDocument.Parse("""{"ticket": "ok", "priority": 3, "channel": "email"}""").RootElement));
    }

    [Fact]
    public void Find_ByPathGlobOrId()
    {
        var schema = PromptSchema.Parse(Yaml, "s.yaml", "/repo");

        Assert.Equal("triage", schema.Find("anything", "/repo/prompts/triage.prompty")?.Id);
        Assert.Null(schema.Find("triage", "/repo/other/triage.prompty"));
        Assert.Equal(TrustLevel.Trusted, schema.Find("triage")!.Variables["channel"].Trust);
    }

    [Fact]
    public void Parse_Errors_HavePositions_AndAreAllReported()
    {
        const string yaml = """
            templates:
              t:
                variables:
                  a: { type: text2, max_lenght: 3 }
                  b: { pattern: "(unclosed", trust: sometimes }
                  c: { min_length: 5, max_length: 2 }
            """;

        var ex = Assert.Throws<PromptSchemaException>(() => PromptSchema.Parse(yaml, "s.yaml"));

        Assert.Contains(ex.Errors, static e => e.Line == 4 && e.Message.Contains("unknown type 'text2'", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, static e => e.Line == 4 && e.Message.Contains("unknown key 'max_lenght'", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, static e => e.Line == 5 && e.Message.Contains("invalid regular expression", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, static e => e.Line == 5 && e.Message.Contains("trusted, untrusted or retrieved", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, static e => e.Line == 6 && e.Message.Contains("greater than max_length", StringComparison.Ordinal));
        Assert.All(ex.Errors, static e => Assert.Equal("s.yaml", e.Source));
    }

    [Fact]
    public void Pattern_IsCheckedWithATimeout()
    {
        var schema = PromptSchema.Parse("templates:\n  t:\n    variables:\n      v: { pattern: \"^(a+)+$\" }\n");

        var violations = schema.Validate("t", new Dictionary<string, object?> { ["v"] = new string('a', 5000) + "!" });

        Assert.Equal("pattern", Assert.Single(violations).Code);
    }

    [Fact]
    public async Task Lint_SchemaTrust_DecidesWhetherAVariableIsUntrusted()
    {
        using var dir = new TempDir();
        dir.Write("prompts/welcome.prompty", "---\nname: welcome\ninputs:\n  plan: { type: string }\n---\nsystem:\nWelcome the customer to the {{plan}} plan and list its three main benefits.\n");
        var withoutSchema = await LintRunner.RunAsync(dir.Path);
        Assert.Contains(withoutSchema.Findings, static f => f.RuleId == "LLM001");

        dir.Write("prompts.schema.yaml", "templates:\n  welcome:\n    variables:\n      plan: { enum: [basic, pro], trust: trusted }\n");
        var withSchema = await LintRunner.RunAsync(dir.Path, configure: o => o with { SchemaPaths = ["prompts.schema.yaml"] });
        Assert.DoesNotContain(withSchema.Findings, static f => f.RuleId == "LLM001");
    }
}
