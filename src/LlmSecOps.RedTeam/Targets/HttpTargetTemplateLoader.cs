using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using LlmSecOps.Core.Policy;
using LlmSecOps.RedTeam.Configuration;
using YamlDotNet.RepresentationModel;

namespace LlmSecOps.RedTeam.Targets;

/// <summary>
/// Reads an HTTP target template:
/// <code>
/// url: https://chat.example.com/api/chat     # ${ENV} is expanded
/// method: POST
/// headers: { Authorization: "Bearer ${CHAT_KEY}" }
/// body: { session: "{{session_id}}", message: "{{prompt}}" }   # or a raw JSON string
/// response: { path: data.reply, tool_calls: data.tool_calls }
/// session: { path: $.session_id, header: X-Session-Id, send_header: X-Session-Id, initial: generate }
/// blocked: { status: [403], path: error.code, equals: content_filter }
/// timeout: 30
/// </code>
/// </summary>
internal static partial class HttpTargetTemplateLoader
{
    private static readonly string[] TopKeys = ["url", "method", "headers", "body", "response", "session", "blocked", "timeout"];
    private static readonly string[] Placeholders = ["prompt", "messages", "session_id", "system_prompt", "conversation_id", "turn", "attempt_id"];

    /// <summary>Loads a template file, expanding <c>${NAME}</c> with <paramref name="environment"/>.</summary>
    public static HttpTargetTemplate LoadFile(string path, Func<string, string?> environment)
    {
        if (!File.Exists(path))
        {
            throw new RedTeamFormatException(path, "file not found");
        }

        var info = new FileInfo(path);
        if (info.Length > YamlNodeReader.MaxChars)
        {
            throw new RedTeamFormatException(path, $"file is {info.Length} bytes; the limit is {YamlNodeReader.MaxChars}");
        }

        return Parse(File.ReadAllText(path), path, environment);
    }

    /// <summary>Parses template YAML.</summary>
    public static HttpTargetTemplate Parse(string yaml, string source, Func<string, string?> environment)
    {
        var errors = new List<SourceError>();
        var reader = new YamlNodeReader(source, errors);
        var docs = reader.LoadDocuments(yaml);
        if (docs is null)
        {
            throw new RedTeamFormatException(errors);
        }

        if (docs.Count != 1)
        {
            throw new RedTeamFormatException(source, "a target template holds exactly one YAML document");
        }

        var map = reader.Map(docs[0], "target", TopKeys);
        if (map is null)
        {
            throw new RedTeamFormatException(errors);
        }

        string? url = null;
        string? urlWritten = null;
        if (map.TryGetValue("url", out var urlNode) && reader.NonEmptyString(urlNode, "url") is { } u)
        {
            urlWritten = u;
            url = Expand(reader, urlNode, u, environment);
            var probe = Substitute(url, static _ => "x");
            if (!Uri.TryCreate(probe, UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps))
            {
                reader.Error(urlNode, $"url: '{u}' is not an absolute http or https URL");
            }
        }
        else if (!map.ContainsKey("url"))
        {
            errors.Add(new SourceError(source, (int)docs[0].Start.Line, (int)docs[0].Start.Column, "url is required"));
        }

        var method = HttpMethod.Post;
        if (map.TryGetValue("method", out var methodNode) && reader.NonEmptyString(methodNode, "method") is { } m)
        {
            var upper = m.Trim().ToUpperInvariant();
            if (upper is "GET" or "POST" or "PUT" or "PATCH")
            {
                method = new HttpMethod(upper);
            }
            else
            {
                reader.Error(methodNode, $"method: '{m}' is not one of GET, POST, PUT, PATCH");
            }
        }

        var headers = new List<KeyValuePair<string, string>>();
        var contentType = "application/json";
        if (map.TryGetValue("headers", out var headersNode) && !YamlNodeReader.IsEmpty(headersNode) && reader.Entries(headersNode, "headers") is { } entries)
        {
            foreach (var (key, keyNode, value) in entries)
            {
                if (reader.String(value, $"headers.{key}") is not { } v)
                {
                    continue;
                }

                if (!IsToken(key))
                {
                    reader.Error(keyNode, $"headers: '{key}' is not a valid header name");
                    continue;
                }

                var expanded = Expand(reader, value, v, environment);
                if (key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                {
                    contentType = expanded;
                    continue;
                }

                headers.Add(new(key, expanded));
            }
        }

        JsonDocument? jsonBody = null;
        string? rawBody = null;
        var sendsHistory = false;
        var takesSystem = false;
        if (map.TryGetValue("body", out var bodyNode) && !YamlNodeReader.IsEmpty(bodyNode))
        {
            if (bodyNode is YamlScalarNode scalar)
            {
                rawBody = Expand(reader, bodyNode, scalar.Value ?? string.Empty, environment);
                if (contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
                {
                    var sample = SubstituteJson(rawBody, "sample \"text\"", "[]");
                    try
                    {
                        using var _ = JsonDocument.Parse(sample);
                    }
                    catch (Exception ex) when (ex is JsonException or ArgumentException)
                    {
                        reader.Error(bodyNode, $"body: not valid JSON once placeholders are filled in ({ex.Message}); put string placeholders inside quotes, e.g. \"{{{{prompt}}}}\"");
                    }
                }
            }
            else
            {
                try
                {
                    var json = YamlToJson.Convert(bodyNode);
                    json = Expand(reader, bodyNode, json, environment, jsonEscape: true);
                    jsonBody = JsonDocument.Parse(json);
                }
                catch (Exception ex) when (ex is JsonException or InvalidOperationException or InvalidCastException or ArgumentException)
                {
                    reader.Error(bodyNode, "body: " + ex.Message);
                }
            }

            var bodyText = rawBody ?? jsonBody?.RootElement.GetRawText() ?? string.Empty;
            sendsHistory = bodyText.Contains("{{messages}}", StringComparison.Ordinal);
            takesSystem = sendsHistory || bodyText.Contains("{{system_prompt}}", StringComparison.Ordinal);
            CheckPlaceholders(reader, bodyNode, bodyText);
            if (!sendsHistory && !bodyText.Contains("{{prompt}}", StringComparison.Ordinal) && !(url ?? string.Empty).Contains("{{prompt}}", StringComparison.Ordinal))
            {
                reader.Error(bodyNode, "body: has neither {{prompt}} nor {{messages}}; the attack would never reach the model");
            }
        }
        else if (method != HttpMethod.Get)
        {
            errors.Add(new SourceError(source, (int)docs[0].Start.Line, (int)docs[0].Start.Column, "body is required for a " + method.Method + " request"));
        }

        if (url is not null)
        {
            CheckPlaceholders(reader, urlNode!, url);
        }

        JsonPathExpression? replyPath = null;
        JsonPathExpression? toolCallsPath = null;
        if (map.TryGetValue("response", out var responseNode) && reader.Map(responseNode, "response", ["path", "tool_calls"]) is { } resp)
        {
            if (resp.TryGetValue("path", out var p))
            {
                replyPath = ReadPath(reader, p, "response.path");
            }
            else
            {
                reader.Error(responseNode, "response.path is required (e.g. $.choices[0].message.content or data.reply)");
            }

            if (resp.TryGetValue("tool_calls", out var tc))
            {
                toolCallsPath = ReadPath(reader, tc, "response.tool_calls");
            }
        }
        else if (!map.ContainsKey("response"))
        {
            errors.Add(new SourceError(source, (int)docs[0].Start.Line, (int)docs[0].Start.Column, "response.path is required"));
        }

        JsonPathExpression? sessionPath = null;
        string? sessionHeader = null;
        string? sendHeader = null;
        var generate = false;
        if (map.TryGetValue("session", out var sessionNode) && reader.Map(sessionNode, "session", ["path", "header", "send_header", "initial"]) is { } session)
        {
            if (session.TryGetValue("path", out var sp))
            {
                sessionPath = ReadPath(reader, sp, "session.path");
            }

            if (session.TryGetValue("header", out var sh) && reader.NonEmptyString(sh, "session.header") is { } h)
            {
                sessionHeader = h;
            }

            if (session.TryGetValue("send_header", out var sendNode) && reader.NonEmptyString(sendNode, "session.send_header") is { } sendName)
            {
                if (IsToken(sendName))
                {
                    sendHeader = sendName;
                }
                else
                {
                    reader.Error(sendNode, $"session.send_header: '{sendName}' is not a valid header name");
                }
            }

            if (session.TryGetValue("initial", out var ini))
            {
                switch (reader.String(ini, "session.initial")?.Trim().ToLowerInvariant())
                {
                    case "generate":
                        generate = true;
                        break;
                    case "none" or "empty" or "":
                        break;
                    case { } other:
                        reader.Error(ini, $"session.initial: '{other}' is not generate or none");
                        break;
                }
            }
        }

        var blockedStatuses = new HashSet<int>();
        JsonPathExpression? blockedPath = null;
        string? blockedEquals = null;
        if (map.TryGetValue("blocked", out var blockedNode) && reader.Map(blockedNode, "blocked", ["status", "path", "equals"]) is { } blocked)
        {
            if (blocked.TryGetValue("status", out var st))
            {
                var nodes = st is YamlSequenceNode seq ? seq.Children : (IEnumerable<YamlNode>)[st];
                foreach (var n in nodes)
                {
                    if (reader.Int(n, "blocked.status", 100, 599) is { } code)
                    {
                        blockedStatuses.Add(code);
                    }
                }
            }

            if (blocked.TryGetValue("path", out var bp))
            {
                blockedPath = ReadPath(reader, bp, "blocked.path");
            }

            if (blocked.TryGetValue("equals", out var eq))
            {
                blockedEquals = reader.String(eq, "blocked.equals");
            }
        }

        var timeout = TimeSpan.FromSeconds(60);
        if (map.TryGetValue("timeout", out var timeoutNode) && reader.Double(timeoutNode, "timeout (seconds)", 0.001, 3600) is { } seconds)
        {
            timeout = TimeSpan.FromSeconds(seconds);
        }

        if (errors.Count > 0 || url is null || replyPath is null)
        {
            jsonBody?.Dispose();
            if (errors.Count == 0)
            {
                errors.Add(new SourceError(source, 0, 0, "incomplete target template"));
            }

            throw new RedTeamFormatException(errors);
        }

        return new HttpTargetTemplate
        {
            Source = source,
            Method = method,
            Url = url,
            UrlAsWritten = urlWritten!,
            Headers = headers,
            JsonBody = jsonBody,
            RawBody = rawBody,
            ContentType = contentType,
            ReplyPath = replyPath,
            ToolCallsPath = toolCallsPath,
            SessionPath = sessionPath,
            SessionResponseHeader = sessionHeader,
            SessionRequestHeader = sendHeader,
            GenerateSessionId = generate,
            Timeout = timeout,
            BlockedStatuses = blockedStatuses,
            BlockedPath = blockedPath,
            BlockedEquals = blockedEquals,
            SendsHistory = sendsHistory,
            TakesSystemPrompt = takesSystem,
        };
    }

    /// <summary>Replaces every <c>{{name}}</c> with the value <paramref name="lookup"/> gives (unknown names stay).</summary>
    public static string Substitute(string template, Func<string, string?> lookup)
    {
        if (!template.Contains("{{", StringComparison.Ordinal))
        {
            return template;
        }

        return PlaceholderRegex().Replace(template, m => lookup(m.Groups[1].Value) ?? m.Value);
    }

    /// <summary>Fills a raw JSON body: string placeholders are JSON-escaped (they sit inside quotes), messages is a raw array.</summary>
    public static string SubstituteJson(string template, string text, string messagesJson) =>
        Substitute(template, name => name == "messages" ? messagesJson : EscapeJson(text));

    /// <summary>JSON-escapes text for use inside a JSON string literal (without the quotes).</summary>
    public static string EscapeJson(string text)
    {
        var encoded = JsonEncodedText.Encode(text, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        return encoded.ToString();
    }

    private static JsonPathExpression? ReadPath(YamlNodeReader reader, YamlNode node, string what)
    {
        if (reader.NonEmptyString(node, what) is not { } text)
        {
            return null;
        }

        var path = JsonPathExpression.TryParse(text, out var error);
        if (path is null)
        {
            reader.Error(node, $"{what}: {error}");
        }

        return path;
    }

    private static void CheckPlaceholders(YamlNodeReader reader, YamlNode node, string text)
    {
        foreach (Match m in PlaceholderRegex().Matches(text))
        {
            var name = m.Groups[1].Value;
            if (!Placeholders.Contains(name, StringComparer.Ordinal))
            {
                reader.Error(node, $"unknown placeholder {{{{{name}}}}}; expected one of: {string.Join(", ", Placeholders.Select(p => "{{" + p + "}}"))}");
            }
        }
    }

    private static string Expand(YamlNodeReader reader, YamlNode node, string text, Func<string, string?> environment, bool jsonEscape = false)
    {
        if (!text.Contains("${", StringComparison.Ordinal))
        {
            return text;
        }

        return EnvRegex().Replace(text, m =>
        {
            var name = m.Groups["name"].Value;
            var value = environment(name);
            if (value is null)
            {
                if (m.Groups["default"].Success)
                {
                    value = m.Groups["default"].Value;
                }
                else
                {
                    reader.Error(node, $"environment variable {name} is not set (write ${{{name}:-default}} to give a default)");
                    return string.Empty;
                }
            }

            return jsonEscape ? EscapeJson(value) : value;
        });
    }

    private static bool IsToken(string name) =>
        name.Length > 0 && name.All(c => c < 127 && c > 32 && "()<>@,;:\\\"/[]?={}".IndexOf(c, StringComparison.Ordinal) < 0);

    [GeneratedRegex(@"\{\{\s*([a-z_]+)\s*\}\}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex PlaceholderRegex();

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(:-(?<default>[^}]*))?\}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex EnvRegex();

    internal static string Describe(HttpTargetTemplate t)
    {
        var sb = new StringBuilder();
        sb.Append(t.Method.Method).Append(' ').Append(t.UrlAsWritten);
        return sb.ToString();
    }
}
