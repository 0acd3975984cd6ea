using System.Text.Json;
using LlmSecOps.Server.Gateway.Configuration;
using LlmSecOps.Server.Gateway.Tools;

namespace LlmSecOps.Server.Tests.Tools;

public sealed class ToolArgumentTests
{
    [Theory]
    [InlineData("/data/a.txt", "/data/a.txt")]
    [InlineData("/data/./x/../a.txt", "/data/a.txt")]
    [InlineData("\\data\\sub\\..\\a.txt", "/data/a.txt")]
    [InlineData("relative/../b", "b")]
    [InlineData("//data///a", "/data/a")]
    public void Normalize_ResolvesDots(string input, string expected) =>
        Assert.Equal(expected, PathNormalizer.Normalize(input));

    [Theory]
    [InlineData("/../etc/passwd")]
    [InlineData("a/../../b")]
    [InlineData("/data/%2e%2e/x")]
    [InlineData("/data/a\0b")]
    [InlineData("")]
    public void Normalize_Unjudgeable_IsNull(string input) => Assert.Null(PathNormalizer.Normalize(input));

    [Theory]
    [InlineData("/data/a", "/data", true)]
    [InlineData("/data", "/data/", true)]
    [InlineData("/database", "/data", false)]
    [InlineData("/etc", "/", true)]
    [InlineData("rel/x", "/", false)]
    public void IsUnder_IsSegmentWise(string path, string prefix, bool expected) =>
        Assert.Equal(expected, PathNormalizer.IsUnder(path, prefix));

    [Theory]
    [InlineData("api.example.com", true)]
    [InlineData("API.EXAMPLE.COM.", true)]
    [InlineData("a.b.example.org", true)]
    [InlineData("example.org", false)]
    [InlineData("evilexample.org", false)]
    [InlineData("api.example.com.evil.net", false)]
    public void HostPattern_ExactAndWildcard(string host, bool expected) =>
        Assert.Equal(expected, HostPattern.IsAllowed(host, ["api.example.com", "*.example.org"]));

    [Theory]
    [InlineData("gpt-4o", "gpt-4o", true)]
    [InlineData("gpt-*", "gpt-4o-mini", true)]
    [InlineData("gpt-*", "chatgpt-4o", false)]
    [InlineData("llama-?b", "llama-7b", true)]
    [InlineData("llama-?b", "llama-70b", false)]
    [InlineData("*mini*", "gpt-4o-mini-2024", true)]
    [InlineData("*", "", true)]
    public void ModelPattern_Globs(string pattern, string model, bool expected) =>
        Assert.Equal(expected, ModelPattern.Parse(pattern).IsMatch(model));

    [Theory]
    [InlineData("""{"type":"object","required":["a"],"properties":{"a":{"type":"string","maxLength":3}},"additionalProperties":false}""", """{"a":"abc"}""", 0)]
    [InlineData("""{"type":"object","required":["a"],"properties":{"a":{"type":"string","maxLength":3}},"additionalProperties":false}""", """{"a":"abcd","b":1}""", 2)]
    [InlineData("""{"type":"object","required":["a"]}""", """{}""", 1)]
    [InlineData("""{"type":"integer","minimum":1,"maximum":14}""", "15", 1)]
    [InlineData("""{"type":"integer"}""", "1.5", 1)]
    [InlineData("""{"enum":["r","rb"]}""", "\"w\"", 1)]
    [InlineData("""{"type":"array","items":{"type":"string","pattern":"^[a-z]+$"},"maxItems":2}""", """["ab","CD","ef"]""", 2)]
    [InlineData("""{"anyOf":[{"type":"string"},{"type":"null"}]}""", "null", 0)]
    [InlineData("""{"oneOf":[{"type":"number"},{"type":"integer"}]}""", "3", 1)]
    [InlineData("""{"not":{"const":"rm"}}""", "\"rm\"", 1)]
    [InlineData("""{"type":"string","format":"uri"}""", "\"relative/path\"", 1)]
    public void JsonSchemaLite_Validates(string schema, string value, int errors)
    {
        Assert.True(JsonSchemaLite.TryParse(schema, out var s, out var error), error);
        using var doc = JsonDocument.Parse(value);
        Assert.Equal(errors, s!.Validate(doc.RootElement).Count);
    }

    [Theory]
    [InlineData("""{"$ref":"#/x"}""")]
    [InlineData("""{"type":"strin"}""")]
    [InlineData("""{"minLength":"3"}""")]
    [InlineData("""[1]""")]
    [InlineData("""{"pattern":"([x"}""")]
    public void JsonSchemaLite_RefusesWhatItCannotHonour(string schema) =>
        Assert.False(JsonSchemaLite.TryParse(schema, out _, out _));

    [Fact]
    public void Validator_NonObjectOrInvalidArguments_AreViolations()
    {
        var policy = new Core.Policy.ToolPolicy
        {
            Arguments = new Dictionary<string, IReadOnlyDictionary<string, Core.Policy.ArgumentConstraint>>
            {
                ["t"] = new Dictionary<string, Core.Policy.ArgumentConstraint> { ["x"] = new() { Pattern = "a+" } },
            },
        };

        Assert.Single(ToolArgumentValidator.Validate(policy, "t", "{not json"));
        Assert.Single(ToolArgumentValidator.Validate(policy, "t", "[1]"));
        Assert.Empty(ToolArgumentValidator.Validate(policy, "t", "{\"x\":\"aaa\"}"));
        Assert.Single(ToolArgumentValidator.Validate(policy, "t", "{\"x\":\"aaab\"}"));
        Assert.Empty(ToolArgumentValidator.Validate(policy, "other", "{\"x\":\"b\"}"));
    }
}
