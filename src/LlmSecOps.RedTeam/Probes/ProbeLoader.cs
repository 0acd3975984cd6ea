using System.Text.Json;
using System.Text.RegularExpressions;
using LlmSecOps.Core.Policy;
using LlmSecOps.Core.Scanning;
using LlmSecOps.RedTeam.Configuration;
using LlmSecOps.RedTeam.Conversations;
using LlmSecOps.RedTeam.Detectors;
using YamlDotNet.RepresentationModel;

namespace LlmSecOps.RedTeam.Probes;

/// <summary>
/// Reads probes from YAML. A file holds one probe (a mapping with <c>id</c>), a list of probes,
/// or a mapping with a <c>probes:</c> list; several YAML documents may share a file. Every
/// mistake is reported with file, line and column, and unknown keys are errors: a typo must not
/// silently weaken a test.
/// </summary>
internal static partial class ProbeLoader
{
    /// <summary>Largest number of prompts plus conversations in one probe.</summary>
    public const int MaxPromptsPerProbe = 500;

    /// <summary>Largest number of messages in one scripted conversation.</summary>
    public const int MaxTurns = 50;

    private static readonly string[] ProbeKeys =
    [
        "id", "family", "title", "intent", "expected", "description", "severity", "owasp", "atlas", "tags",
        "prompts", "conversations", "detectors", "success", "threshold", "tools", "system_prompt", "behaviors", "suffix",
    ];

    /// <summary>Reads every probe of a YAML text; throws <see cref="RedTeamFormatException"/> listing every problem.</summary>
    public static IReadOnlyList<Probe> Parse(string yaml, string source)
    {
        var errors = new List<SourceError>();
        var probes = Parse(yaml, source, errors);
        if (errors.Count > 0)
        {
            throw new RedTeamFormatException(errors);
        }

        return probes;
    }

    /// <summary>Reads every probe of a YAML text, adding problems to <paramref name="errors"/>.</summary>
    public static List<Probe> Parse(string yaml, string source, List<SourceError> errors)
    {
        var reader = new YamlNodeReader(source, errors);
        var probes = new List<Probe>();
        var docs = reader.LoadDocuments(yaml);
        if (docs is null)
        {
            return probes;
        }

        foreach (var root in docs)
        {
            if (YamlNodeReader.IsEmpty(root))
            {
                continue;
            }

            IEnumerable<YamlNode> items;
            if (root is YamlSequenceNode list)
            {
                items = list.Children;
            }
            else if (root is YamlMappingNode map && map.Children.ContainsKey(new YamlScalarNode("probes")))
            {
                if (map.Children.Count != 1)
                {
                    reader.Error(root, "a file with a 'probes:' list holds nothing else at the top level");
                }

                var inner = map.Children[new YamlScalarNode("probes")];
                if (inner is not YamlSequenceNode seq)
                {
                    reader.Error(inner, "probes: expected a list of probes");
                    continue;
                }

                items = seq.Children;
            }
            else
            {
                items = [root];
            }

            foreach (var item in items)
            {
                if (ReadProbe(reader, item) is { } probe)
                {
                    probes.Add(probe);
                }
            }
        }

        return probes;
    }

    private static Probe? ReadProbe(YamlNodeReader reader, YamlNode node)
    {
        var before = reader.Errors.Count;
        var map = reader.Map(node, "probe", ProbeKeys);
        if (map is null)
        {
            return null;
        }

        string? Required(string key)
        {
            if (map.TryGetValue(key, out var v))
            {
                return reader.NonEmptyString(v, key);
            }

            reader.Error(node, $"probe: '{key}' is required");
            return null;
        }

        var id = Required("id");
        if (id is not null && !IdRegex().IsMatch(id))
        {
            reader.Error(map["id"], $"id: '{id}' must be lower case letters, digits, '.', '-' or '_' (e.g. injection.ignore-previous)");
        }

        var family = Required("family");
        if (family is not null && !FamilyRegex().IsMatch(family))
        {
            reader.Error(map["family"], $"family: '{family}' must be lower case letters, digits or '_'");
        }

        var intent = Required("intent");
        var title = map.TryGetValue("title", out var titleNode) ? reader.NonEmptyString(titleNode, "title") : null;
        var expected = map.TryGetValue("expected", out var expNode) ? reader.String(expNode, "expected") : null;
        var description = map.TryGetValue("description", out var descNode) ? reader.String(descNode, "description") : null;

        var severity = Severity.High;
        if (map.TryGetValue("severity", out var sevNode) && reader.String(sevNode, "severity") is { } sev)
        {
            if (!Enum.TryParse(sev, ignoreCase: true, out severity) || !Enum.IsDefined(severity) || int.TryParse(sev, out _))
            {
                reader.Error(sevNode, $"severity: '{sev}' is not one of info, low, medium, high, critical");
                severity = Severity.High;
            }
        }

        var owasp = new List<string>();
        if (map.TryGetValue("owasp", out var owaspNode))
        {
            foreach (var (raw, n) in StringsWithNodes(reader, owaspNode, "owasp"))
            {
                // Accept "LLM01:2025 Prompt Injection" as well as the bare id.
                var idPart = raw.Split(' ', 2)[0];
                if (Taxonomy.NormalizeOwasp(idPart) is { } normalized)
                {
                    owasp.Add(normalized);
                }
                else
                {
                    reader.Error(n, $"owasp: '{raw}' is not an OWASP Top 10 for LLM Applications 2025 id (LLM01:2025 … LLM10:2025)");
                }
            }
        }

        var atlas = new List<string>();
        if (map.TryGetValue("atlas", out var atlasNode))
        {
            foreach (var (raw, n) in StringsWithNodes(reader, atlasNode, "atlas"))
            {
                var idPart = raw.Split(' ', 2)[0];
                if (Taxonomy.IsAtlasId(idPart))
                {
                    atlas.Add(idPart);
                }
                else
                {
                    reader.Error(n, $"atlas: '{raw}' is not a MITRE ATLAS technique id (AML.T0000 or AML.T0000.000)");
                }
            }
        }

        var tags = map.TryGetValue("tags", out var tagsNode) ? reader.StringList(tagsNode, "tags") : [];

        var usesBehaviors = map.TryGetValue("behaviors", out var behNode) && reader.Bool(behNode, "behaviors") == true;
        var suffixCount = 0;
        var suffixLength = 20;
        if (map.TryGetValue("suffix", out var suffixNode) && reader.Map(suffixNode, "suffix", ["count", "length"]) is { } suffix)
        {
            suffixCount = suffix.TryGetValue("count", out var c) ? reader.Int(c, "suffix.count", 1, 50) ?? 0 : 3;
            suffixLength = suffix.TryGetValue("length", out var l) ? reader.Int(l, "suffix.length", 4, 200) ?? 20 : 20;
        }

        var prompts = new List<ProbePrompt>();
        if (map.TryGetValue("prompts", out var promptsNode))
        {
            if (promptsNode is YamlSequenceNode seq)
            {
                foreach (var p in seq)
                {
                    if (reader.NonEmptyString(p, "prompts") is { } text)
                    {
                        prompts.Add(new ProbePrompt(prompts.Count, [ProbeMessage.User(text)]));
                    }
                }
            }
            else
            {
                reader.Error(promptsNode, "prompts: expected a list of prompt strings");
            }
        }

        if (map.TryGetValue("conversations", out var convNode))
        {
            if (convNode is YamlSequenceNode seq)
            {
                foreach (var c in seq)
                {
                    if (ReadConversation(reader, c) is { } messages)
                    {
                        prompts.Add(new ProbePrompt(prompts.Count, messages));
                    }
                }
            }
            else
            {
                reader.Error(convNode, "conversations: expected a list of conversations (each a list of turns)");
            }
        }

        if (prompts.Count == 0 && !map.ContainsKey("prompts") && !map.ContainsKey("conversations"))
        {
            reader.Error(node, "probe: give 'prompts' or 'conversations'");
        }
        else if (prompts.Count > MaxPromptsPerProbe)
        {
            reader.Error(node, $"probe: {prompts.Count} prompts; the limit is {MaxPromptsPerProbe}");
        }

        foreach (var p in prompts)
        {
            var all = string.Concat(p.Messages.Select(m => m.Content));
            if (usesBehaviors && !all.Contains("{{behavior}}", StringComparison.Ordinal))
            {
                reader.Error(promptsNode ?? convNode ?? node, $"probe uses behaviors but prompt {p.Index + 1} has no {{{{behavior}}}} placeholder");
            }

            if (suffixCount > 0 && !all.Contains("{{suffix}}", StringComparison.Ordinal))
            {
                reader.Error(promptsNode ?? convNode ?? node, $"probe generates suffixes but prompt {p.Index + 1} has no {{{{suffix}}}} placeholder");
            }

            foreach (Match m in PlaceholderRegex().Matches(all))
            {
                var name = m.Groups[1].Value;
                if (name is not ("behavior" or "marker" or "suffix"))
                {
                    reader.Error(promptsNode ?? convNode ?? node, $"unknown placeholder {{{{{name}}}}} in prompt {p.Index + 1}; prompts may use {{{{behavior}}}}, {{{{marker}}}} and {{{{suffix}}}}");
                }
            }
        }

        var detectors = new List<DetectorBinding>();
        if (map.TryGetValue("detectors", out var detNode))
        {
            if (detNode is YamlSequenceNode seq && seq.Children.Count > 0)
            {
                foreach (var d in seq)
                {
                    if (ReadDetector(reader, d) is { } binding)
                    {
                        detectors.Add(binding);
                    }
                }
            }
            else
            {
                reader.Error(detNode, "detectors: expected a non-empty list of detectors");
            }
        }
        else
        {
            reader.Error(node, "probe: 'detectors' is required (how else would success be judged?)");
        }

        var success = SuccessMode.Any;
        if (map.TryGetValue("success", out var successNode))
        {
            switch (reader.String(successNode, "success")?.Trim().ToLowerInvariant())
            {
                case "any":
                    break;
                case "all":
                    success = SuccessMode.All;
                    break;
                case { } other:
                    reader.Error(successNode, $"success: '{other}' is not any or all");
                    break;
            }
        }

        var threshold = map.TryGetValue("threshold", out var thNode) ? reader.Double(thNode, "threshold", 0.01, 1) ?? 0.5 : 0.5;

        var tools = new List<ToolDefinition>();
        if (map.TryGetValue("tools", out var toolsNode))
        {
            if (toolsNode is YamlSequenceNode seq)
            {
                foreach (var t in seq)
                {
                    if (ReadTool(reader, t) is { } tool)
                    {
                        tools.Add(tool);
                    }
                }
            }
            else
            {
                reader.Error(toolsNode, "tools: expected a list of tools");
            }
        }

        var systemPrompt = map.TryGetValue("system_prompt", out var spNode) ? reader.NonEmptyString(spNode, "system_prompt") : null;

        if (reader.Errors.Count > before || id is null || family is null || intent is null)
        {
            return null;
        }

        return new Probe
        {
            Id = id,
            Family = family,
            Title = title ?? id,
            Intent = intent,
            Expected = expected,
            Description = description,
            Severity = severity,
            Owasp = owasp.Distinct().ToArray(),
            Atlas = atlas.Distinct().ToArray(),
            Tags = tags,
            Prompts = prompts,
            Detectors = detectors,
            Success = success,
            Threshold = threshold,
            Tools = tools,
            SystemPrompt = systemPrompt,
            UsesBehaviors = usesBehaviors,
            SuffixCount = suffixCount,
            SuffixLength = suffixLength,
            Source = reader.Source,
            Line = (int)node.Start.Line,
            Column = (int)node.Start.Column,
        };
    }

    private static List<ProbeMessage>? ReadConversation(YamlNodeReader reader, YamlNode node)
    {
        if (node is not YamlSequenceNode seq || seq.Children.Count == 0)
        {
            reader.Error(node, "conversation: expected a non-empty list of turns (strings for user turns, or mappings with role and content)");
            return null;
        }

        if (seq.Children.Count > MaxTurns)
        {
            reader.Error(node, $"conversation: {seq.Children.Count} turns; the limit is {MaxTurns}");
            return null;
        }

        var messages = new List<ProbeMessage>();
        foreach (var turn in seq)
        {
            if (turn is YamlScalarNode)
            {
                if (reader.NonEmptyString(turn, "turn") is { } text)
                {
                    messages.Add(ProbeMessage.User(text));
                }

                continue;
            }

            var map = reader.Map(turn, "turn", ["role", "content", "name", "tool_call_id", "tool_calls", "mutate"]);
            if (map is null)
            {
                continue;
            }

            var role = map.TryGetValue("role", out var r) ? reader.String(r, "role")?.Trim().ToLowerInvariant() : ChatRoles.User;
            if (role is null)
            {
                continue;
            }

            if (!ChatRoles.IsKnown(role))
            {
                reader.Error(r!, $"role: '{role}' is not one of system, user, assistant, tool");
                continue;
            }

            var content = map.TryGetValue("content", out var c) ? reader.String(c, "content") ?? string.Empty : string.Empty;
            List<ToolCall>? calls = null;
            if (map.TryGetValue("tool_calls", out var tc))
            {
                if (role != ChatRoles.Assistant)
                {
                    reader.Error(tc, "tool_calls: only an assistant turn calls tools");
                }
                else if (tc is YamlSequenceNode callSeq)
                {
                    calls = [];
                    foreach (var call in callSeq)
                    {
                        var cm = reader.Map(call, "tool call", ["id", "name", "arguments"]);
                        if (cm is null)
                        {
                            continue;
                        }

                        var name = cm.TryGetValue("name", out var nn) ? reader.NonEmptyString(nn, "tool call name") : null;
                        if (name is null)
                        {
                            if (!cm.ContainsKey("name"))
                            {
                                reader.Error(call, "tool call: 'name' is required");
                            }

                            continue;
                        }

                        var callId = cm.TryGetValue("id", out var idNode) ? reader.String(idNode, "tool call id") ?? "call_1" : $"call_{calls.Count + 1}";
                        var args = cm.TryGetValue("arguments", out var a) ? (a is YamlScalarNode s ? s.Value ?? "{}" : SafeJson(reader, a, "tool call arguments") ?? "{}") : "{}";
                        calls.Add(new ToolCall(callId, name, args));
                    }
                }
                else
                {
                    reader.Error(tc, "tool_calls: expected a list");
                }
            }

            if (content.Length == 0 && calls is null)
            {
                reader.Error(turn, "turn: 'content' is required");
                continue;
            }

            var mutate = map.TryGetValue("mutate", out var mu) ? reader.Bool(mu, "mutate") ?? (role == ChatRoles.User) : role == ChatRoles.User;
            messages.Add(new ProbeMessage(role, content)
            {
                Mutate = mutate,
                Name = map.TryGetValue("name", out var nm) ? reader.String(nm, "name") : null,
                ToolCallId = map.TryGetValue("tool_call_id", out var tci) ? reader.String(tci, "tool_call_id") : null,
                ToolCalls = calls,
            });
        }

        if (messages.Count > 0 && !messages.Any(m => m.Role is ChatRoles.User or ChatRoles.Tool))
        {
            reader.Error(node, "conversation: needs at least one user or tool turn to send");
        }

        return messages;
    }

    private static DetectorBinding? ReadDetector(YamlNodeReader reader, YamlNode node)
    {
        string? name;
        YamlMappingNode? parameters = null;
        var scope = DetectorScope.Last;
        YamlNode at = node;
        switch (node)
        {
            case YamlScalarNode:
                name = reader.NonEmptyString(node, "detector");
                break;
            case YamlMappingNode map when map.Children.Count == 1 && !map.Children.ContainsKey(new YamlScalarNode("name")):
                var (k, v) = map.Children.First();
                at = k;
                name = reader.Key(k);
                if (v is YamlMappingNode pm)
                {
                    parameters = pm;
                }
                else if (!YamlNodeReader.IsEmpty(v))
                {
                    reader.Error(v, $"detector {name}: expected a mapping of parameters");
                    return null;
                }

                break;
            case YamlMappingNode map:
                if (!map.Children.TryGetValue(new YamlScalarNode("name"), out var nameNode))
                {
                    reader.Error(node, "detector: 'name' is required");
                    return null;
                }

                name = reader.NonEmptyString(nameNode, "detector name");
                at = nameNode;
                parameters = new YamlMappingNode();
                foreach (var (pk, pv) in map.Children)
                {
                    if (pk is YamlScalarNode { Value: "name" })
                    {
                        continue;
                    }

                    parameters.Children.Add(pk, pv);
                }

                break;
            default:
                reader.Error(node, "detector: expected a name or a mapping");
                return null;
        }

        if (name is null)
        {
            return null;
        }

        if (parameters is not null && parameters.Children.TryGetValue(new YamlScalarNode("scope"), out var scopeNode))
        {
            parameters.Children.Remove(new YamlScalarNode("scope"));
            switch (reader.String(scopeNode, "scope")?.Trim().ToLowerInvariant())
            {
                case "last":
                    break;
                case "any" or "all_turns":
                    scope = DetectorScope.Any;
                    break;
                case { } other:
                    reader.Error(scopeNode, $"scope: '{other}' is not last or any");
                    break;
            }
        }

        var detector = DetectorCatalog.Create(name, parameters is { Children.Count: > 0 } ? parameters : null, reader, at);
        return detector is null ? null : new DetectorBinding(detector, scope);
    }

    private static ToolDefinition? ReadTool(YamlNodeReader reader, YamlNode node)
    {
        var map = reader.Map(node, "tool", ["name", "description", "parameters"]);
        if (map is null)
        {
            return null;
        }

        if (!map.TryGetValue("name", out var nameNode))
        {
            reader.Error(node, "tool: 'name' is required");
            return null;
        }

        var name = reader.NonEmptyString(nameNode, "tool name");
        if (name is null)
        {
            return null;
        }

        if (!ToolNameRegex().IsMatch(name))
        {
            reader.Error(nameNode, $"tool name '{name}' must be letters, digits, '_' or '-' (at most 64)");
            return null;
        }

        string? parameters = null;
        if (map.TryGetValue("parameters", out var p))
        {
            if (p is YamlMappingNode)
            {
                parameters = SafeJson(reader, p, "tool parameters");
            }
            else if (p is YamlScalarNode s && !string.IsNullOrWhiteSpace(s.Value))
            {
                try
                {
                    using var _ = JsonDocument.Parse(s.Value);
                    parameters = s.Value;
                }
                catch (Exception ex) when (ex is JsonException or ArgumentException)
                {
                    reader.Error(p, "tool parameters: not valid JSON: " + ex.Message);
                }
            }
        }

        return new ToolDefinition(name, map.TryGetValue("description", out var d) ? reader.String(d, "description") : null, parameters);
    }

    private static string? SafeJson(YamlNodeReader reader, YamlNode node, string what)
    {
        try
        {
            return YamlToJson.Convert(node);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or InvalidCastException)
        {
            reader.Error(node, $"{what}: cannot be turned into JSON: {ex.Message}");
            return null;
        }
    }

    private static List<(string, YamlNode)> StringsWithNodes(YamlNodeReader reader, YamlNode node, string what)
    {
        var list = new List<(string, YamlNode)>();
        var nodes = node is YamlSequenceNode seq ? seq.Children : (IEnumerable<YamlNode>)[node];
        foreach (var n in nodes)
        {
            if (reader.NonEmptyString(n, what) is { } s)
            {
                list.Add((s, n));
            }
        }

        return list;
    }

    [GeneratedRegex(@"^[a-z0-9][a-z0-9._-]{0,127}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex IdRegex();

    [GeneratedRegex(@"^[a-z][a-z0-9_]{0,63}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex FamilyRegex();

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex ToolNameRegex();

    [GeneratedRegex(@"\{\{\s*([a-z_]+)\s*\}\}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex PlaceholderRegex();
}
