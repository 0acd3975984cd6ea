using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using LlmSecOps.Core.Policy;

namespace LlmSecOps.Server.Gateway.Tools;

/// <summary>
/// Checks the arguments of a tool call against the policy's per-argument constraints: a regular
/// expression over the whole value (with a match timeout), a JSON Schema, a host allow-list for URL
/// values and a path prefix for path values (after resolving <c>..</c>).
/// </summary>
internal static class ToolArgumentValidator
{
    /// <summary>Largest arguments document judged; anything longer is a violation.</summary>
    public const int MaxArgumentsChars = 1 << 20;

    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);
    private static readonly ConcurrentDictionary<string, Regex> Patterns = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, JsonSchemaLite?> Schemas = new(StringComparer.Ordinal);

    /// <summary>Every violation of the tool's argument constraints; empty when the call is acceptable.</summary>
    public static List<string> Validate(ToolPolicy policy, string tool, string? arguments)
    {
        var problems = new List<string>();
        if (!policy.Arguments.TryGetValue(tool, out var constraints) || constraints.Count == 0)
        {
            return problems;
        }

        if (arguments is { Length: > MaxArgumentsChars })
        {
            problems.Add($"arguments of '{tool}' are longer than {MaxArgumentsChars} characters");
            return problems;
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(string.IsNullOrWhiteSpace(arguments) ? "{}" : arguments, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException)
        {
            problems.Add($"arguments of '{tool}' are not valid JSON");
            return problems;
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"arguments of '{tool}' must be a JSON object");
                return problems;
            }

            foreach (var (name, constraint) in constraints)
            {
                if (doc.RootElement.TryGetProperty(name, out var value))
                {
                    Check(tool, name, value, constraint, problems);
                }
            }
        }

        return problems;
    }

    private static void Check(string tool, string name, JsonElement value, ArgumentConstraint c, List<string> problems)
    {
        var where = $"{tool}.{name}";
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        if (c.Pattern is { } pattern)
        {
            var regex = Patterns.GetOrAdd(pattern, static p => new Regex(@"\A(?:" + p + @")\z", RegexOptions.CultureInvariant, RegexTimeout));
            try
            {
                if (!regex.IsMatch(text))
                {
                    problems.Add($"{where} does not match the allowed pattern");
                }
            }
            catch (RegexMatchTimeoutException)
            {
                problems.Add($"{where}: pattern check timed out");
            }
        }

        if (c.Schema is { } schemaText)
        {
            var schema = Schemas.GetOrAdd(schemaText, static s => JsonSchemaLite.TryParse(s, out var parsed, out _) ? parsed : null);
            if (schema is null)
            {
                problems.Add($"{where}: the policy's schema cannot be used");
            }
            else
            {
                foreach (var e in schema.Validate(value))
                {
                    problems.Add($"{where} {e}");
                }
            }
        }

        if (c.AllowedHosts is { } hosts)
        {
            if (value.ValueKind != JsonValueKind.String || !Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.IdnHost))
            {
                problems.Add($"{where} is not an absolute URL");
            }
            else if (!HostPattern.IsAllowed(uri.IdnHost, hosts))
            {
                problems.Add($"{where} points at host '{uri.IdnHost}', which is not allowed");
            }
        }

        if (c.PathPrefixes is { } prefixes)
        {
            var normalized = value.ValueKind == JsonValueKind.String ? PathNormalizer.Normalize(text) : null;
            if (normalized is null)
            {
                problems.Add($"{where} is not a path that can be judged (climbs above the root, encoded separators or too long)");
            }
            else
            {
                var ok = false;
                foreach (var prefix in prefixes)
                {
                    if (PathNormalizer.IsUnder(normalized, prefix))
                    {
                        ok = true;
                        break;
                    }
                }

                if (!ok)
                {
                    problems.Add($"{where} resolves to '{normalized}', outside the allowed paths");
                }
            }
        }
    }
}
