using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using LlmSecOps.Core.Policy;
using LlmSecOps.Lint.Checks;
using LlmSecOps.Lint.Config;
using LlmSecOps.Lint.Data;
using LlmSecOps.Lint.Discovery;
using LlmSecOps.Lint.Documents;

namespace LlmSecOps.Lint.PolicyGen;

/// <summary>
/// Builds a usage policy from an application: it reads code and configuration with the same
/// readers as the linter and collects the models named, the upstream endpoints configured, the
/// tools defined (with their argument schemas as constraints) and the hosts fetched.
/// </summary>
public static partial class PolicyGenerator
{
    private static readonly string[] UrlWords = ["url", "uri", "link", "href", "endpoint", "website", "site", "page"];
    private static readonly string[] PathWords = ["path", "file", "filename", "dir", "directory", "folder"];

    /// <summary>Reads the files under <paramref name="paths"/> (relative to <paramref name="root"/>) and infers the policy.</summary>
    public static GeneratedPolicy Generate(IReadOnlyList<string> paths, string root, LintConfig? config = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        config ??= LintConfig.Default with { BaseDirectory = root };
        var discovery = new FileDiscovery(config, root);
        foreach (var p in paths.Count == 0 ? ["."] : paths)
        {
            discovery.Add(p);
        }

        var models = new SortedSet<string>(StringComparer.Ordinal);
        var endpoints = new SortedSet<string>(StringComparer.Ordinal);
        var fetched = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        var tools = new SortedDictionary<string, ToolDefinition>(StringComparer.Ordinal);
        var scanned = 0;
        foreach (var file in discovery.Files)
        {
            var text = FileLoader.Load(file, config.MaxFileBytes, out _);
            if (text is null)
            {
                continue;
            }

            LintDocument doc;
            try
            {
                doc = DocumentReader.Read(file, text);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                continue;
            }

            scanned++;
            foreach (var m in doc.Models)
            {
                var name = m.Name.Trim();
                if (name.Length > 0 && !name.Contains(' ', StringComparison.Ordinal) && !name.Contains('{', StringComparison.Ordinal) && !name.Contains('$', StringComparison.Ordinal))
                {
                    models.Add(name);
                }
            }

            foreach (var e in doc.Endpoints)
            {
                if (!Uri.TryCreate(e.Url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Contains('{', StringComparison.Ordinal))
                {
                    continue;
                }

                if (e.Role == EndpointRole.Upstream)
                {
                    endpoints.Add(BaseUrl(uri));
                }
                else
                {
                    fetched.Add(uri.Port is 80 or 443 || uri.IsDefaultPort ? uri.Host : uri.Authority);
                }
            }

            foreach (var t in doc.Tools)
            {
                tools.TryAdd(t.Name, t);
            }
        }

        var generatedTools = tools.Values.Select(t => Tool(t, fetched)).ToList();
        var policy = new GeneratedPolicy
        {
            Models = [.. models],
            Endpoints = [.. endpoints],
            Tools = generatedTools,
            FetchedHosts = [.. fetched.Concat(generatedTools.SelectMany(static t => t.Arguments.Values).SelectMany(static a => a.AllowedHosts ?? [])).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase)],
            FilesScanned = scanned,
        };

        // What we write must load: a generated policy the gateway refuses is worse than none.
        PolicyLoader.Parse(policy.ToYaml(), "generated policy");
        return policy;
    }

    private static string BaseUrl(Uri uri)
    {
        var path = uri.AbsolutePath.TrimEnd('/');
        // Keep the API base (".../v1"), not a full operation path.
        var cut = path.IndexOf("/chat/", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = path.IndexOf("/completions", StringComparison.Ordinal);
        }

        if (cut >= 0)
        {
            path = path[..cut];
        }

        return $"{uri.Scheme}://{uri.Authority}{path}";
    }

    private static GeneratedTool Tool(ToolDefinition tool, IReadOnlyCollection<string> fetchedHosts)
    {
        var args = new SortedDictionary<string, GeneratedArgument>(StringComparer.Ordinal);
        if (tool.Parameters?.GetMap("properties") is { } properties)
        {
            foreach (var (name, schemaNode) in properties.Entries)
            {
                if (schemaNode is not DataMap schema)
                {
                    continue;
                }

                var pattern = schema.GetString("pattern");
                var isUrl = Has(name.Value, UrlWords) || schema.GetString("format") is "uri" or "url";
                var isPath = Has(name.Value, PathWords);
                var hosts = isUrl ? HostsFromPattern(pattern) ?? (fetchedHosts.Count > 0 ? [.. fetchedHosts] : null) : null;
                var prefixes = isPath ? PrefixFromPattern(pattern) : null;
                args[name.Value] = new GeneratedArgument(ToJson(schema), hosts, prefixes);
            }
        }
        else if (tool.CodeParameters is { } parameters)
        {
            foreach (var p in parameters)
            {
                args[p.Name] = new GeneratedArgument(SchemaFromType(p.Type), Has(p.Name, UrlWords) && fetchedHosts.Count > 0 ? [.. fetchedHosts] : null, null);
            }
        }

        return new GeneratedTool(tool.Name, args);
    }

    private static bool Has(string name, string[] words) => TrustClassifier.Words(name).Any(w => words.Contains(w, StringComparer.Ordinal));

    /// <summary>Hosts named by a URL pattern such as <c>^https://docs\.example\.com/</c>.</summary>
    private static string[]? HostsFromPattern(string? pattern)
    {
        if (pattern is null)
        {
            return null;
        }

        var hosts = HostPatternRegex().Matches(pattern)
            .Select(m => m.Groups["host"].Value.Replace("\\.", ".", StringComparison.Ordinal))
            .Where(h => h.Length > 0 && !h.Contains('\\', StringComparison.Ordinal) && !h.Contains('(', StringComparison.Ordinal) && !h.Contains('[', StringComparison.Ordinal))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray();
        return hosts.Length > 0 ? hosts : null;
    }

    /// <summary>The literal directory a path pattern such as <c>^/data/reports/</c> starts with.</summary>
    private static string[]? PrefixFromPattern(string? pattern)
    {
        if (pattern is null)
        {
            return null;
        }

        var m = PathPatternRegex().Match(pattern);
        return m.Success ? [m.Groups["prefix"].Value.Replace("\\.", ".", StringComparison.Ordinal)] : null;
    }

    private static string? SchemaFromType(string type)
    {
        var t = type.Trim();
        if (t is "string")
        {
            return "{\"type\":\"string\"}";
        }

        if (t is "int" or "long" or "short" or "integer")
        {
            return "{\"type\":\"integer\"}";
        }

        if (t is "float" or "double" or "decimal" or "number")
        {
            return "{\"type\":\"number\"}";
        }

        if (t is "bool" or "boolean")
        {
            return "{\"type\":\"boolean\"}";
        }

        var literal = LiteralRegex().Match(t);
        if (literal.Success)
        {
            var values = QuotedRegex().Matches(literal.Groups["values"].Value).Select(static m => m.Groups["v"].Value).ToList();
            if (values.Count > 0)
            {
                return JsonSerializer.Serialize(new { type = "string", @enum = values });
            }
        }

        return null;
    }

    private static string ToJson(DataNode node)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, node, 0);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, DataNode node, int depth)
    {
        switch (node)
        {
            case DataMap map when depth < 32:
                writer.WriteStartObject();
                foreach (var (k, v) in map.Entries)
                {
                    // Descriptions are for the model, not for enforcement.
                    if (k.Value is "description" or "title" or "examples")
                    {
                        continue;
                    }

                    writer.WritePropertyName(k.Value);
                    Write(writer, v, depth + 1);
                }

                writer.WriteEndObject();
                break;
            case DataSequence seq when depth < 32:
                writer.WriteStartArray();
                foreach (var item in seq.Items)
                {
                    Write(writer, item, depth + 1);
                }

                writer.WriteEndArray();
                break;
            case DataScalar { Kind: ScalarKind.Number } n when n.AsNumber() is { } d:
                if (long.TryParse(n.Value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var l))
                {
                    writer.WriteNumberValue(l);
                }
                else
                {
                    writer.WriteNumberValue(d);
                }

                break;
            case DataScalar { Kind: ScalarKind.Boolean } b:
                writer.WriteBooleanValue(b.AsBoolean() == true);
                break;
            case DataScalar { Kind: ScalarKind.Null }:
                writer.WriteNullValue();
                break;
            case DataScalar s:
                writer.WriteStringValue(s.Value);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    [GeneratedRegex(@"https?\??:?\\?/\\?/(?<host>(?:[A-Za-z0-9\-]|\\\.)+)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex HostPatternRegex();

    [GeneratedRegex(@"^\^(?<prefix>/(?:[A-Za-z0-9_\-]|\\\.|/)+/)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex PathPatternRegex();

    [GeneratedRegex(@"Literal\[(?<values>[^\]]*)\]", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex LiteralRegex();

    [GeneratedRegex(@"[""'](?<v>[^""']*)[""']", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex QuotedRegex();
}
