using LlmSecOps.Lint.Data;
using LlmSecOps.Lint.Templates;

namespace LlmSecOps.Lint.Documents;

/// <summary>Builds templates from data scalars.</summary>
internal static class TemplateFactory
{
    public static PromptTemplate FromScalar(DataScalar scalar, string? role, TemplateSyntax? syntax, TemplateKind kind = TemplateKind.Prompt, bool wholeMessage = false)
    {
        var detected = syntax ?? TemplateScanner.Detect(scalar.Value);
        return new PromptTemplate
        {
            Text = scalar.Value,
            Origin = scalar.Origin,
            Role = NormalizeRole(role),
            Syntax = detected,
            StrictSyntax = syntax is not null,
            Kind = kind,
            WholeMessage = wholeMessage,
        };
    }

    /// <summary>Maps the role names of the various formats to system, user or assistant.</summary>
    public static string? NormalizeRole(string? role)
    {
        if (role is null)
        {
            return null;
        }

        var r = role.Trim().ToLowerInvariant();
        if (r.Contains("system", StringComparison.Ordinal))
        {
            return "system";
        }

        if (r.Contains("developer", StringComparison.Ordinal))
        {
            return "developer";
        }

        if (r.Contains("human", StringComparison.Ordinal) || r.Contains("user", StringComparison.Ordinal))
        {
            return "user";
        }

        if (r.Contains("assistant", StringComparison.Ordinal) || r == "ai" || r.StartsWith("ai_", StringComparison.Ordinal) || r.Contains("aimessage", StringComparison.Ordinal) || r == "model")
        {
            return "assistant";
        }

        if (r is "tool" or "function")
        {
            return "tool";
        }

        return r.Length == 0 ? null : r;
    }
}
