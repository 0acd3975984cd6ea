using LlmSecOps.Core.Policy;
using LlmSecOps.Server.Gateway.Auth;
using LlmSecOps.Server.Gateway.Configuration;

namespace LlmSecOps.Server.Tests.Configuration;

public sealed class GatewayConfigLoaderTests
{
    private static readonly Dictionary<string, string> Env = new() { ["OPENAI_API_KEY"] = "sk-upstream" };

    private static GatewayOptions Parse(string yaml) => GatewayConfigLoader.Parse(yaml, "gateway.yaml", k => Env.GetValueOrDefault(k), "/etc/llmsecops");

    [Fact]
    public void Parse_FullExample_ReadsEverySection()
    {
        var hash = PrincipalResolver.HashKey("sk-client");
        var options = Parse($$"""
            version: 1
            listen: http://127.0.0.1:9000
            data_dir: data
            policy: policy.yaml
            upstreams:
              - name: openai
                base_url: https://api.openai.com/v1
                api_key_env: OPENAI_API_KEY
                models: [gpt-4o, "gpt-4.1*"]
                timeouts: { connect: 2s, first_byte: 30s, total: 5m }
                retries: 1
              - name: local
                base_url: http://127.0.0.1:8000/v1/
            auth:
              allow_anonymous: false
              keys:
                - { id: web, sha256: {{hash}}, user: web-app, roles: [app], tenant: acme }
            trusted_proxies: [10.0.0.0/8, "::1", 192.168.1.1]
            bodies: hash
            streaming: { window_chars: 256, scan_step_chars: 64 }
            canary: { enabled: false }
            redaction: { restore: false }
            limits: { max_request_bytes: 2MiB, max_response_bytes: 16MiB }
            opa: { url: "http://127.0.0.1:8181", path: /llmsecops/gateway/decision/, timeout: 250ms, fail_open: true }
            routes:
              support:
                tools:
                  allow: [search_kb]
                  roles: { admin: [shell] }
                  arguments:
                    search_kb:
                      query: { pattern: "[^<>]{1,200}" }
                      limit: { schema: { type: integer, maximum: 20 } }
            """);

        Assert.Equal("http://127.0.0.1:9000", options.Urls);
        Assert.Equal(Path.GetFullPath("/etc/llmsecops/data"), options.DataDir);
        Assert.Equal(Path.GetFullPath("/etc/llmsecops/policy.yaml"), options.PolicyPath);
        Assert.Equal(2, options.Upstreams.Count);
        var openai = options.Upstreams[0];
        Assert.Equal(new Uri("https://api.openai.com/v1/"), openai.BaseUrl);
        Assert.Equal("sk-upstream", openai.ApiKey);
        Assert.Equal(TimeSpan.FromSeconds(2), openai.ConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), openai.FirstByteTimeout);
        Assert.Equal(TimeSpan.FromMinutes(5), openai.TotalTimeout);
        Assert.Equal(1, openai.Retries);
        Assert.True(openai.Matches("gpt-4.1-mini"));
        Assert.False(openai.Matches("gpt-3.5"));
        Assert.DoesNotContain("sk-upstream", openai.ToString(), StringComparison.Ordinal);
        Assert.Empty(options.Upstreams[1].Models);
        var key = Assert.Single(options.ClientKeys);
        Assert.Equal("web", key.Id);
        Assert.Equal(["app"], key.Roles);
        Assert.Equal(3, options.TrustedProxies.Count);
        Assert.Equal(BodyRetention.Hash, options.Bodies);
        Assert.Equal(256, options.Streaming.WindowChars);
        Assert.False(options.CanaryEnabled);
        Assert.False(options.RestorePlaceholders);
        Assert.Equal(2L << 20, options.MaxRequestBytes);
        Assert.Equal(new Uri("http://127.0.0.1:8181/v1/data/llmsecops/gateway/decision"), options.Opa!.DecisionUrl);
        Assert.True(options.Opa.FailOpen);
        var tools = options.Routes["support"].Tools!;
        Assert.True(tools.IsAllowed("search_kb", []));
        Assert.False(tools.IsAllowed("get_weather", []));
        Assert.True(tools.IsAllowed("shell", ["admin"]));
        Assert.Equal("[^<>]{1,200}", tools.Arguments["search_kb"]["query"].Pattern);
    }

    [Fact]
    public void Parse_ManyProblems_AreAllReportedWithLineAndColumn()
    {
        var ex = Assert.Throws<PolicyException>(() => Parse("""
            upstreams:
              - name: a
                base_url: not-a-url
                api_key_env: MISSING_KEY
                timeouts: { connect: soon }
            auth:
              allow_anonymus: true
              keys:
                - { id: k, sha256: "the-key-itself" }
            trusted_proxies: [10.0.0.300/8]
            streaming: { window_chars: 3 }
            colour: blue
            """));

        var errors = ex.Errors;
        Assert.True(errors.Count >= 7, string.Join("\n", errors));
        Assert.All(errors, e => Assert.True(e.Line > 0, e.ToString()));
        Assert.Contains(errors, e => e.Line == 3 && e.Message.Contains("base_url", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 4 && e.Message.Contains("MISSING_KEY", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 5 && e.Message.Contains("duration", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 7 && e.Column == 3 && e.Message.Contains("allow_anonymus", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 9 && e.Message.Contains("sha256", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 10 && e.Message.Contains("10.0.0.300/8", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 11);
        Assert.Contains(errors, e => e.Line == 12 && e.Message.Contains("colour", StringComparison.Ordinal));
        Assert.DoesNotContain("the-key-itself", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoKeysAndNoAnonymous_IsRejected()
    {
        var ex = Assert.Throws<PolicyException>(() => Parse("upstreams: [{ name: a, base_url: 'http://127.0.0.1:1/v1' }]"));

        Assert.Contains(ex.Errors, e => e.Message.Contains("nobody could call", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_BadYaml_ReportsPosition()
    {
        var ex = Assert.Throws<PolicyException>(() => Parse("upstreams:\n  - name: [unclosed\n"));

        Assert.True(ex.Errors[0].Line >= 2, ex.Errors[0].ToString());
    }

    [Fact]
    public void Parse_InvalidSchemaAndRegex_AreReported()
    {
        var ex = Assert.Throws<PolicyException>(() => Parse("""
            auth: { allow_anonymous: true }
            routes:
              r:
                tools:
                  arguments:
                    t:
                      a: { pattern: "([unclosed" }
                      b: { schema: { "$ref": "#/defs/x" } }
            """));

        Assert.Contains(ex.Errors, e => e.Line == 7 && e.Message.Contains("regular expression", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Line == 8 && e.Message.Contains("$ref", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("250ms", 0.25)]
    [InlineData("5s", 5)]
    [InlineData("2m", 120)]
    [InlineData("1.5", 1.5)]
    public void TryParseDuration_Reads(string text, double seconds)
    {
        Assert.True(GatewayConfigLoader.TryParseDuration(text, out var d));
        Assert.Equal(seconds, d.TotalSeconds, 6);
    }

    [Theory]
    [InlineData("8MiB", 8L << 20)]
    [InlineData("512KiB", 512L << 10)]
    [InlineData("10MB", 10_000_000)]
    [InlineData("4096", 4096)]
    public void TryParseSize_Reads(string text, long bytes)
    {
        Assert.True(GatewayConfigLoader.TryParseSize(text, out var n));
        Assert.Equal(bytes, n);
    }

    [Fact]
    public void Parse_RandomText_NeverThrowsAnythingButPolicyException()
    {
        var random = new Random(1234);
        const string alphabet = "abc:- \n\t[]{}\"'#&*!|>%@`,?0123456789";
        for (var i = 0; i < 500; i++)
        {
            var chars = new char[random.Next(0, 200)];
            for (var k = 0; k < chars.Length; k++)
            {
                chars[k] = alphabet[random.Next(alphabet.Length)];
            }

            try
            {
                Parse(new string(chars));
            }
            catch (PolicyException)
            {
            }
        }
    }

    [Fact]
    public void SampleConfiguration_LoadsAndValidates()
    {
        var path = Path.Combine(RepoRoot(), "samples", "gateway", "gateway.yaml");

        var options = GatewayConfigLoader.LoadFile(path, k => k == "OPENAI_API_KEY" ? "sk-x" : null);

        Assert.Equal(2, options.Upstreams.Count);
        Assert.Equal(2, options.ClientKeys.Count);
        Assert.Equal(["research", "support"], options.Routes.Keys.Order(StringComparer.Ordinal).ToArray());
        Assert.True(File.Exists(options.PolicyPath));
        _ = PolicyLoader.LoadFile(options.PolicyPath!);
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LlmSecOps.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }
}
