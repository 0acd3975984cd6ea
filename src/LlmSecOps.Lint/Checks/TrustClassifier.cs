using System.Text.RegularExpressions;
using LlmSecOps.Lint.Schema;
using LlmSecOps.Lint.Templates;

namespace LlmSecOps.Lint.Checks;

/// <summary>
/// Decides where a placeholder's value comes from. The prompt schema is authoritative; without
/// one, names decide: words such as <c>context</c>, <c>documents</c> or <c>search_results</c> mean
/// retrieved content; configuration-like words (<c>company_name</c>, <c>current_date</c>,
/// <c>format_instructions</c>) mean trusted; anything else is treated as untrusted user input,
/// because guessing wrong in that direction only costs a schema entry.
/// </summary>
internal static partial class TrustClassifier
{
    private static readonly HashSet<string> UserWords = new(StringComparer.Ordinal)
    {
        "user", "input", "query", "question", "request", "req", "message", "msg", "comment", "review", "feedback", "prompt", "text",
        "body", "q", "chat", "history", "conversation", "utterance", "args", "params", "form", "upload", "uploaded",
    };

    private static readonly HashSet<string> RetrievedWords = new(StringComparer.Ordinal)
    {
        "context", "contexts", "document", "documents", "doc", "docs", "retrieved", "retrieval", "chunk", "chunks", "passage", "passages",
        "source", "sources", "search", "snippet", "snippets", "knowledge", "kb", "rag", "page", "pages", "webpage", "web", "html", "email",
        "emails", "mail", "article", "articles", "observation", "observations", "scratchpad", "transcript", "attachment", "attachments",
        "results", "website", "summaries", "excerpt", "excerpts", "evidence", "references",
    };

    private static readonly HashSet<string> TrustedWords = new(StringComparer.Ordinal)
    {
        "date", "today", "now", "time", "datetime", "timestamp", "year", "month", "weekday", "locale", "language", "lang", "app", "application",
        "product", "company", "organization", "organisation", "org", "brand", "bot", "assistant", "agent", "tone", "style", "format", "instructions",
        "schema", "version", "model", "max", "min", "limit", "count", "num", "number", "words", "length", "currency", "timezone", "tz", "persona",
        "role", "len", "names", "env", "environment", "config", "settings", "policy", "rules", "guidelines", "examples", "example", "fewshot", "shots",
        "domain", "site", "team", "department", "support", "channel", "platform", "system", "os", "environ", "getenv", "secrets", "const", "constants",
    };

    public static TrustLevel Classify(Placeholder placeholder, Schema.TemplateSchema? schema)
    {
        if (schema is not null && schema.Variables.TryGetValue(placeholder.Name, out var variable))
        {
            return variable.Trust;
        }

        var source = placeholder.SourceExpression;
        if (source is not null)
        {
            return FromExpression(source);
        }

        return placeholder.Expression.Length > 0 && !IsPlainName(placeholder.Expression, placeholder.Name)
            ? FromExpression(placeholder.Expression)
            : FromName(placeholder.Name);
    }

    private static bool IsPlainName(string expression, string name) =>
        expression.Equals(name, StringComparison.Ordinal) || expression.TrimStart('$').Equals(name, StringComparison.Ordinal);

    /// <summary>Trust of a variable from its name alone.</summary>
    public static TrustLevel FromName(string name)
    {
        if (ConstantRegex().IsMatch(name))
        {
            return TrustLevel.Trusted;
        }

        var words = Words(name);
        if (words.Any(UserWords.Contains))
        {
            return TrustLevel.Untrusted;
        }

        if (words.Any(RetrievedWords.Contains) || (words.Contains("tool") && words.Any(static w => w is "output" or "outputs" or "result" or "response")))
        {
            return TrustLevel.Retrieved;
        }

        if (words.Count > 0 && words.Any(TrustedWords.Contains))
        {
            return TrustLevel.Trusted;
        }

        return TrustLevel.Untrusted;
    }

    /// <summary>Trust of a code expression: the least trusted of the names it reads.</summary>
    private static TrustLevel FromExpression(string expression)
    {
        var trimmed = expression.Trim();
        if (trimmed.Length == 0 || NumberRegex().IsMatch(trimmed))
        {
            return TrustLevel.Trusted;
        }

        var result = TrustLevel.Trusted;
        var any = false;
        foreach (Match m in IdentifierRegex().Matches(trimmed))
        {
            var name = m.Value;
            if (name is "self" or "this" or "str" or "String" or "len" or "int" or "float" or "repr" or "json" or "JSON" or "strip" or "trim" or "Trim" or "lower" or "upper" or "ToString" or "join" or "Join" or "format" or "dumps" or "stringify" or "get" or "await" or "new" or "None" or "null" or "true" or "false" or "True" or "False")
            {
                continue;
            }

            // A member name after a dot is read from its object, except for request-like containers.
            any = true;
            var trust = FromName(name);
            if (trust == TrustLevel.Untrusted)
            {
                return TrustLevel.Untrusted;
            }

            if (trust == TrustLevel.Retrieved)
            {
                result = TrustLevel.Retrieved;
            }
        }

        return any ? result : TrustLevel.Trusted;
    }

    /// <summary>Splits snake_case, kebab-case and camelCase names into lower-case words.</summary>
    public static List<string> Words(string name)
    {
        var words = new List<string>();
        var start = 0;
        for (var i = 0; i <= name.Length; i++)
        {
            var boundary = i == name.Length || !char.IsLetterOrDigit(name[i])
                || (i > start && char.IsUpper(name[i]) && char.IsLower(name[i - 1]));
            if (!boundary)
            {
                continue;
            }

            if (i > start)
            {
                words.Add(name[start..i].ToLowerInvariant());
            }

            start = i < name.Length && char.IsLetterOrDigit(name[i]) ? i : i + 1;
        }

        return words;
    }

    [GeneratedRegex(@"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex ConstantRegex();

    [GeneratedRegex(@"^-?\d+(?:\.\d+)?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex NumberRegex();

    [GeneratedRegex(@"(?<![""'\w.])[A-Za-z_$][\w$]*", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex IdentifierRegex();
}
