using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Lint.Schema;
using LlmSecOps.Server.Gateway.Configuration;
using LlmSecOps.Server.Gateway.Http;

namespace LlmSecOps.Server.Gateway;

/// <summary>
/// Enforces the prompt schema on a chat request. The application renders its template itself and
/// tells the gateway which one, with what variables, in a request field the upstream never sees:
/// <c>"llmsecops_prompt": {"template": "support_chat", "variables": {"question": "…"}}</c>.
/// Values that break the schema (type, length, pattern, enum, missing, undeclared) become
/// <c>schema_violation</c> findings; messages name variables and constraints, never values.
/// </summary>
internal static class PromptSchemaGate
{
    /// <summary>The request field naming the template and its variables; removed before forwarding.</summary>
    public const string Field = "llmsecops_prompt";

    private const int MaxNameChars = 64;

    /// <summary>
    /// Checks and removes <see cref="Field"/>. Returns one finding per kind of violation (empty
    /// when the variables fit the schema, or when the field is absent and not required).
    /// </summary>
    public static IReadOnlyList<Finding> Check(JsonObject body, PromptSchemaOptions options, PolicyAction action, out bool removed)
    {
        var node = body.Prop(Field);
        removed = body.Remove(Field);
        if (node is null)
        {
            return options.Required ? [Violation("missing_prompt", $"the request has no '{Field}' naming its template and variables, and the gateway requires one", action)] : [];
        }

        if (node is not JsonObject prompt || prompt.Prop("template").Str() is not { Length: > 0 } template || prompt.Prop("variables") is not JsonObject variables)
        {
            return [Violation("invalid_prompt", $"'{Field}' must be an object with a string 'template' and an object 'variables'", action)];
        }

        using var doc = JsonDocument.Parse(variables.ToJsonString());
        var violations = options.Schema.Validate(template, doc.RootElement);
        return [.. violations.GroupBy(v => v.Code, StringComparer.Ordinal).Select(g => Violation(g.Key, string.Join("; ", g.Select(Describe)), action))];
    }

    /// <summary>The client-facing error message: what is wrong, never the values.</summary>
    public static string ErrorMessage(IReadOnlyList<Finding> findings) =>
        "The prompt variables break the prompt schema: " + string.Join("; ", findings.Select(f => f.Message)) + ".";

    private static string Describe(SchemaViolation v)
    {
        if (v.Code == "unknown_template")
        {
            return $"no template '{Short(v.TemplateId)}' in the prompt schema";
        }

        var where = new StringBuilder(Short(v.TemplateId));
        if (v.Variable is not null)
        {
            where.Append('.').Append(Short(v.Variable));
        }

        return $"{where}: {v.Message}";
    }

    private static string Short(string name)
    {
        var clean = JsonText.Clean(name);
        return clean.Length > MaxNameChars ? clean[..MaxNameChars] + "…" : clean;
    }

    private static Finding Violation(string code, string message, PolicyAction action) => new()
    {
        Category = FindingCategories.SchemaViolation,
        Rule = "schema." + code,
        Severity = Severity.Medium,
        Message = message,
        Action = action,
    };
}
