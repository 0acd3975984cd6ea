using System.Net;
using System.Text.Json.Nodes;
using LlmSecOps.Core.Policy;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Server.Gateway.Configuration;
using LlmSecOps.Server.Tests.Infrastructure;

namespace LlmSecOps.Server.Tests.Gateway;

/// <summary>The prompt schema (the file lint and render read) enforced on <c>llmsecops_prompt</c> variables.</summary>
public sealed class PromptSchemaTests : IDisposable
{
    private const string SchemaYaml = """
        version: 1
        templates:
          support_chat:
            variables:
              question: { type: string, max_length: 40, pattern: "^[^<>]*$", trust: untrusted }
              product:  { type: string, enum: [router, modem], trust: trusted }
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("llmsecops-schema-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is not a test failure.
        }
    }

    private string SchemaFile()
    {
        var path = Path.Combine(_dir, "prompts.schema.yaml");
        File.WriteAllText(path, SchemaYaml);
        return path;
    }

    private Task<TestGateway> StartAsync(bool required = false, GuardPolicy? policy = null)
    {
        var errors = new List<PolicyError>();
        var schema = PromptSchemaOptions.Load(SchemaFile(), required, errors);
        Assert.Empty(errors);
        return TestGateway.StartAsync(o => o with { PromptSchema = schema }, policy);
    }

    private static JsonObject WithPrompt(JsonObject body, string template, JsonObject variables)
    {
        body["llmsecops_prompt"] = new JsonObject { ["template"] = template, ["variables"] = variables };
        return body;
    }

    [Fact]
    public async Task ValidVariables_PassAndTheFieldNeverReachesTheUpstream()
    {
        await using var gw = await StartAsync();
        var body = WithPrompt(TestGateway.Chat("Why does my router blink?"), "support_chat", new JsonObject { ["question"] = "Why does my router blink?", ["product"] = "router" });

        using var response = await gw.ChatAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(gw.Upstream.Received);
        Assert.False(sent.Json!.ContainsKey("llmsecops_prompt"));
        Assert.Empty((await gw.Events.SingleAsync()).Findings);
    }

    [Fact]
    public async Task BrokenVariables_Get400SchemaViolation_NamingConstraintsNotValues_AndNeverGoUpstream()
    {
        await using var gw = await StartAsync();
        const string secretish = "a very long question that says <script>alert(1)</script> to everyone";
        var body = WithPrompt(TestGateway.Chat("hi"), "support_chat", new JsonObject { ["question"] = secretish, ["product"] = "toaster", ["extra"] = 1 });

        using var response = await gw.ChatAsync(body);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(text)!["error"]!;
        Assert.Equal("invalid_request_error", error["type"]!.GetValue<string>());
        Assert.Equal("schema_violation", error["code"]!.GetValue<string>());
        Assert.Equal("llmsecops_prompt", error["param"]!.GetValue<string>());
        var message = error["message"]!.GetValue<string>();
        Assert.Contains("support_chat.question", message, StringComparison.Ordinal);
        Assert.Contains("maximum is 40", message, StringComparison.Ordinal);
        Assert.Contains("support_chat.product", message, StringComparison.Ordinal);
        Assert.Contains("support_chat.extra", message, StringComparison.Ordinal);
        Assert.DoesNotContain("script", message, StringComparison.Ordinal);
        Assert.DoesNotContain("toaster", message, StringComparison.Ordinal);
        Assert.Empty(gw.Upstream.Received);

        var evt = await gw.Events.SingleAsync();
        Assert.Equal(Verdict.Block, evt.Verdict);
        Assert.Equal(400, evt.Status);
        Assert.Contains(evt.Findings, f => f.Category == FindingCategories.SchemaViolation && f.Rule == "schema.max_length");
        Assert.Contains(evt.Findings, f => f.Rule == "schema.enum");
        Assert.Contains(evt.Findings, f => f.Rule == "schema.undeclared");
    }

    [Fact]
    public async Task UnknownTemplate_And_MalformedField_AreViolations()
    {
        await using var gw = await StartAsync();

        using var unknown = await gw.ChatAsync(WithPrompt(TestGateway.Chat("hi"), "no_such_template", []));
        var malformed = TestGateway.Chat("hi");
        malformed["llmsecops_prompt"] = "support_chat";
        using var bad = await gw.ChatAsync(malformed);

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var message = JsonNode.Parse(await unknown.Content.ReadAsStringAsync())!["error"]!["message"]!.GetValue<string>();
        Assert.Contains("no template 'no_such_template'", message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("schema_violation", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(gw.Upstream.Received);
    }

    [Fact]
    public async Task Required_RequestWithoutTheField_IsRefused_OptionalLetsItThrough()
    {
        await using (var gw = await StartAsync(required: true))
        {
            using var response = await gw.ChatAsync(TestGateway.Chat("hi"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("schema.missing_prompt", (await gw.Events.SingleAsync()).Findings.Select(f => f.Rule));
        }

        await using (var gw = await StartAsync(required: false))
        {
            using var response = await gw.ChatAsync(TestGateway.Chat("hi"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task PolicyFlag_RecordsTheViolation_ButForwards()
    {
        var policy = GuardPolicy.Default with
        {
            Input = GuardPolicy.Default.Input.With(new Dictionary<string, PolicyAction> { [FindingCategories.SchemaViolation] = PolicyAction.Flag }),
        };
        await using var gw = await StartAsync(policy: policy);

        using var response = await gw.ChatAsync(WithPrompt(TestGateway.Chat("hi"), "support_chat", new JsonObject { ["question"] = "hi", ["product"] = "toaster" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(gw.Upstream.Received);
        Assert.False(sent.Json!.ContainsKey("llmsecops_prompt"));
        var evt = await gw.Events.SingleAsync();
        Assert.Equal(Verdict.Flag, evt.Verdict);
        Assert.Contains(evt.Findings, f => f.Rule == "schema.enum" && f.Action == PolicyAction.Flag);
    }

    [Fact]
    public void ConfigFile_LoadsTheSchema_AndReportsItsErrorsWithLocation()
    {
        SchemaFile();
        var options = GatewayConfigLoader.Parse("version: 1\nprompt_schema: { path: prompts.schema.yaml, required: true }\n", "gw.yaml", _ => null, _dir, validate: false);
        Assert.NotNull(options.PromptSchema);
        Assert.True(options.PromptSchema!.Required);
        Assert.NotNull(options.PromptSchema.Schema.Find("support_chat"));

        File.WriteAllText(Path.Combine(_dir, "bad.schema.yaml"), "version: 1\ntemplates:\n  t:\n    variables:\n      q: { type: strnig }\n");
        var ex = Assert.Throws<PolicyException>(() => GatewayConfigLoader.Parse("version: 1\nprompt_schema: bad.schema.yaml\n", "gw.yaml", _ => null, _dir, validate: false));
        Assert.Contains(ex.Errors, e => e.Source.EndsWith("bad.schema.yaml", StringComparison.Ordinal) && e.Line == 5);

        var missing = Assert.Throws<PolicyException>(() => GatewayConfigLoader.Parse("version: 1\nprompt_schema: nowhere.yaml\n", "gw.yaml", _ => null, _dir, validate: false));
        Assert.Contains(missing.Errors, e => e.Message.Contains("prompt schema", StringComparison.Ordinal));
    }
}
