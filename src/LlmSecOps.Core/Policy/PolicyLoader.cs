using System.Text.RegularExpressions;
using LlmSecOps.Core.Scanning;
using YamlDotNet.RepresentationModel;

namespace LlmSecOps.Core.Policy;

/// <summary>
/// Reads a policy from YAML. Every problem is collected with its line and column and reported
/// together in one <see cref="PolicyException"/>; unknown keys are errors because a typo in a
/// security policy must not silently switch a guard off.
/// </summary>
public static class PolicyLoader
{
    /// <summary>Largest policy file accepted.</summary>
    public const int MaxBytes = 1 << 20;

    /// <summary>Deepest nesting accepted.</summary>
    public const int MaxDepth = 32;

    private static readonly string[] TopLevelKeys =
    [
        "version", "input", "output", "retrieved", "tools", "thresholds", "limits", "deny",
        "links", "pii", "system_prompt_leak", "classifier", "logprobs", "bodies", "models", "endpoints",
    ];

    /// <summary>Loads a policy file and lays it over <see cref="GuardPolicy.Default"/>.</summary>
    public static GuardPolicy LoadFile(string path)
    {
        FileInfo info;
        try
        {
            info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new PolicyException([new PolicyError(path, 0, 0, "file not found")]);
            }
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or UnauthorizedAccessException or IOException)
        {
            throw new PolicyException([new PolicyError(path, 0, 0, ex.Message)]);
        }

        if (info.Length > MaxBytes)
        {
            throw new PolicyException([new PolicyError(path, 0, 0, $"file is {info.Length} bytes; the limit is {MaxBytes}")]);
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PolicyException([new PolicyError(path, 0, 0, ex.Message)]);
        }

        return Parse(text, path);
    }

    /// <summary>Parses policy YAML and lays it over <see cref="GuardPolicy.Default"/>.</summary>
    public static GuardPolicy Parse(string yaml, string source = "policy")
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var errors = new List<PolicyError>();
        if (yaml.Length > MaxBytes)
        {
            throw new PolicyException([new PolicyError(source, 0, 0, $"policy is {yaml.Length} characters; the limit is {MaxBytes}")]);
        }

        if (yaml.Contains('\0', StringComparison.Ordinal))
        {
            throw new PolicyException([new PolicyError(source, 0, 0, "policy contains NUL bytes; is it a binary file?")]);
        }

        var root = LoadRoot(yaml, source, errors);
        if (root is null)
        {
            throw new PolicyException(errors);
        }

        var reader = new Reader(source, errors);
        var policy = reader.ReadPolicy(root);
        if (errors.Count > 0)
        {
            throw new PolicyException(errors);
        }

        return policy;
    }

    private static YamlMappingNode? LoadRoot(string yaml, string source, List<PolicyError> errors) =>
        BoundedYaml.LoadMapping(
            yaml,
            MaxDepth,
            "aliases are not allowed in policies",
            "a policy file holds one YAML document",
            "the policy must be a mapping of sections (input, output, tools, …)",
            (line, column, message) => errors.Add(new PolicyError(source, line, column, message)));

    private sealed class Reader(string source, List<PolicyError> errors) : YamlSectionReader(source, errors)
    {
        public GuardPolicy ReadPolicy(YamlMappingNode root)
        {
            var policy = GuardPolicy.Default;
            foreach (var (keyNode, value) in root.Children)
            {
                var key = KeyOf(keyNode);
                if (key is null)
                {
                    continue;
                }

                switch (key)
                {
                    case "version":
                        var version = ReadInt(value, 1, 1);
                        if (version is not null and not 1)
                        {
                            Error(value, $"unsupported policy version {version}; this build reads version 1");
                        }

                        break;
                    case "input":
                        policy = policy with { Input = policy.Input.With(ReadActions(value)) };
                        break;
                    case "output":
                        policy = policy with { Output = policy.Output.With(ReadActions(value)) };
                        break;
                    case "retrieved":
                        policy = policy with { Retrieved = policy.Input.With(ReadActions(value)) };
                        break;
                    case "tools":
                        policy = policy with { Tools = ReadTools(value, policy.Tools) };
                        break;
                    case "thresholds":
                        policy = policy with { Thresholds = ReadThresholds(value) };
                        break;
                    case "limits":
                        policy = policy with { Limits = ReadLimits(value, policy.Limits) };
                        break;
                    case "deny":
                        policy = policy with { Deny = ReadDeny(value) };
                        break;
                    case "links":
                        policy = policy with { AllowedLinkHosts = ReadMap(value, "links", ["allowed_hosts"]).TryGetValue("allowed_hosts", out var hosts) ? ReadStringList(hosts) : [] };
                        break;
                    case "pii":
                        policy = policy with { PiiEntities = ReadMap(value, "pii", ["entities"]).TryGetValue("entities", out var ents) ? ReadStringList(ents).Select(e => e.ToLowerInvariant()).ToArray() : [] };
                        break;
                    case "system_prompt_leak":
                        if (ReadMap(value, "system_prompt_leak", ["threshold"]).TryGetValue("threshold", out var t) && ReadDouble(t, 0.01, 1) is { } th)
                        {
                            policy = policy with { SystemPromptLeakThreshold = th };
                        }

                        break;
                    case "classifier":
                        var classifier = ReadMap(value, "classifier", ["enabled", "corroborate"]);
                        if (classifier.TryGetValue("enabled", out var en) && ReadBool(en) is { } enabled)
                        {
                            policy = policy with { ClassifierEnabled = enabled };
                        }

                        if (classifier.TryGetValue("corroborate", out var co) && ReadBool(co) is { } corroborate)
                        {
                            policy = policy with { CorroborateAttacks = corroborate };
                        }

                        break;
                    case "logprobs":
                        policy = policy with { Logprobs = ReadLogprobs(value, policy.Logprobs) };
                        break;
                    case "bodies":
                        policy = policy with { Bodies = ReadRetention(value) };
                        break;
                    case "models":
                        policy = policy with { Models = new ModelPolicy { Allow = ReadAllowList(value, "models") } };
                        break;
                    case "endpoints":
                        policy = policy with { Endpoints = new EndpointPolicy { Allow = ReadEndpoints(value) } };
                        break;
                    default:
                        Error(keyNode, $"unknown section '{key}'; expected one of: {string.Join(", ", TopLevelKeys)}");
                        break;
                }
            }

            ValidateRedaction(root, "input", policy.Input);
            ValidateRedaction(root, "output", policy.Output);
            if (policy.Retrieved is not null)
            {
                ValidateRedaction(root, "retrieved", policy.Retrieved);
            }

            return policy;
        }

        private void ValidateRedaction(YamlMappingNode root, string section, DirectionPolicy actions)
        {
            foreach (var (category, action) in actions.Actions)
            {
                if (action == PolicyAction.Redact && !FindingCategories.IsRedactable(category))
                {
                    var node = root.Children.TryGetValue(new YamlScalarNode(section), out var n) ? n : root;
                    Error(node, $"{section}.{category}: 'redact' applies only to secret, pii, deny_list and canary_leak; use block or flag");
                }
            }
        }

        private Dictionary<string, PolicyAction> ReadActions(YamlNode node)
        {
            var result = new Dictionary<string, PolicyAction>(StringComparer.Ordinal);
            if (node is YamlScalarNode { Value: null or "" })
            {
                return result;
            }

            if (node is not YamlMappingNode map)
            {
                Error(node, "expected a mapping of category: action (block, flag, redact, log, off)");
                return result;
            }

            foreach (var (k, v) in map.Children)
            {
                var key = KeyOf(k);
                if (key is null)
                {
                    continue;
                }

                var category = FindingCategories.Normalize(key);
                if (category is null)
                {
                    Error(k, $"unknown category '{key}'; expected one of: {string.Join(", ", FindingCategories.All)}");
                    continue;
                }

                if (ReadAction(v) is { } action)
                {
                    result[category] = action;
                }
            }

            return result;
        }

        private PolicyAction? ReadAction(YamlNode node)
        {
            if (node is not YamlScalarNode scalar)
            {
                Error(node, "expected an action: block, flag, redact, log or off");
                return null;
            }

            switch (scalar.Value?.Trim().ToLowerInvariant())
            {
                case "block" or "deny" or "reject":
                    return PolicyAction.Block;
                case "flag" or "warn" or "alert":
                    return PolicyAction.Flag;
                case "redact" or "mask":
                    return PolicyAction.Redact;
                case "log" or "signal" or "monitor":
                    return PolicyAction.Log;
                case "off" or "allow" or "false" or "none" or "disabled":
                    return PolicyAction.Off;
                default:
                    Error(node, $"unknown action '{scalar.Value}'; expected block, flag, redact, log or off");
                    return null;
            }
        }

        private ToolPolicy ReadTools(YamlNode node, ToolPolicy current)
        {
            var map = ReadMap(node, "tools", ["allow", "deny", "roles", "arguments"]);
            var tools = current;
            if (map.TryGetValue("allow", out var allow))
            {
                tools = tools with { Allow = allow is YamlScalarNode { Value: "*" } ? null : ReadStringList(allow) };
            }

            if (map.TryGetValue("deny", out var deny))
            {
                tools = tools with { Deny = ReadStringList(deny) };
            }

            if (map.TryGetValue("roles", out var roles))
            {
                var dict = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
                if (roles is YamlMappingNode rm)
                {
                    foreach (var (k, v) in rm.Children)
                    {
                        if (KeyOf(k) is { } role)
                        {
                            dict[role] = ReadStringList(v);
                        }
                    }
                }
                else
                {
                    Error(roles, "tools.roles: expected a mapping of role: [tool, …]");
                }

                tools = tools with { Roles = dict };
            }

            if (map.TryGetValue("arguments", out var args))
            {
                tools = tools with { Arguments = ReadArguments(args) };
            }

            return tools;
        }

        private Dictionary<string, IReadOnlyDictionary<string, ArgumentConstraint>> ReadArguments(YamlNode node)
        {
            var result = new Dictionary<string, IReadOnlyDictionary<string, ArgumentConstraint>>(StringComparer.Ordinal);
            if (node is not YamlMappingNode tools)
            {
                Error(node, "tools.arguments: expected tool: { argument: { pattern | schema | allowed_hosts | path_prefix } }");
                return result;
            }

            foreach (var (tk, tv) in tools.Children)
            {
                if (KeyOf(tk) is not { } tool)
                {
                    continue;
                }

                var perArg = new Dictionary<string, ArgumentConstraint>(StringComparer.Ordinal);
                if (tv is not YamlMappingNode argMap)
                {
                    Error(tv, $"tools.arguments.{tool}: expected a mapping of argument name to constraint");
                    continue;
                }

                foreach (var (ak, av) in argMap.Children)
                {
                    if (KeyOf(ak) is not { } arg)
                    {
                        continue;
                    }

                    var c = ReadMap(av, $"tools.arguments.{tool}.{arg}", ["pattern", "schema", "allowed_hosts", "path_prefix"]);
                    var constraint = new ArgumentConstraint();
                    if (c.TryGetValue("pattern", out var p) && ReadString(p) is { } pattern)
                    {
                        if (ValidateRegex(p, pattern))
                        {
                            constraint = constraint with { Pattern = pattern };
                        }
                    }

                    if (c.TryGetValue("schema", out var s))
                    {
                        constraint = constraint with { Schema = s is YamlScalarNode ss ? ss.Value : YamlToJson.Convert(s) };
                    }

                    if (c.TryGetValue("allowed_hosts", out var h))
                    {
                        constraint = constraint with { AllowedHosts = ReadStringList(h) };
                    }

                    if (c.TryGetValue("path_prefix", out var pp))
                    {
                        constraint = constraint with { PathPrefixes = ReadStringList(pp) };
                    }

                    perArg[arg] = constraint;
                }

                result[tool] = perArg;
            }

            return result;
        }

        private Dictionary<string, double> ReadThresholds(YamlNode node)
        {
            var result = new Dictionary<string, double>(StringComparer.Ordinal);
            if (node is not YamlMappingNode map)
            {
                Error(node, "thresholds: expected a mapping of category: number between 0 and 1");
                return result;
            }

            foreach (var (k, v) in map.Children)
            {
                if (KeyOf(k) is not { } key)
                {
                    continue;
                }

                var category = FindingCategories.Normalize(key);
                if (category is null)
                {
                    Error(k, $"unknown category '{key}'");
                    continue;
                }

                if (ReadDouble(v, 0, 1) is { } d)
                {
                    result[category] = d;
                }
            }

            return result;
        }

        private LimitsPolicy ReadLimits(YamlNode node, LimitsPolicy current)
        {
            var map = ReadMap(node, "limits", ["max_input_chars", "max_input_tokens", "max_output_chars", "max_output_tokens", "max_chars", "max_tokens"]);
            var limits = current;
            foreach (var (key, value) in map)
            {
                if (ReadInt(value, 0, int.MaxValue) is not { } n)
                {
                    continue;
                }

                limits = key switch
                {
                    "max_input_chars" or "max_chars" => limits with { MaxInputChars = n },
                    "max_input_tokens" or "max_tokens" => limits with { MaxInputTokens = n },
                    "max_output_chars" => limits with { MaxOutputChars = n },
                    _ => limits with { MaxOutputTokens = n },
                };
            }

            return limits;
        }

        private DenyListPolicy ReadDeny(YamlNode node)
        {
            var map = ReadMap(node, "deny", ["substrings", "regexes"]);
            var deny = new DenyListPolicy();
            if (map.TryGetValue("substrings", out var subs))
            {
                deny = deny with { Substrings = ReadStringList(subs).Where(s => s.Length > 0).ToArray() };
            }

            if (map.TryGetValue("regexes", out var rx))
            {
                var list = new List<string>();
                if (rx is YamlSequenceNode seq)
                {
                    foreach (var item in seq)
                    {
                        if (ReadString(item) is { } pattern && ValidateRegex(item, pattern))
                        {
                            list.Add(pattern);
                        }
                    }
                }
                else
                {
                    Error(rx, "deny.regexes: expected a list of regular expressions");
                }

                deny = deny with { Regexes = list };
            }

            return deny;
        }

        /// <summary>Reads <c>{ allow: [...] }</c>; <c>allow: "*"</c> (or no allow key) means no allow-list.</summary>
        private string[]? ReadAllowList(YamlNode node, string section)
        {
            var map = ReadMap(node, section, ["allow"]);
            if (!map.TryGetValue("allow", out var allow) || allow is YamlScalarNode { Value: "*" })
            {
                return null;
            }

            var list = ReadStringList(allow).Select(static s => s.Trim()).ToArray();
            foreach (var item in list)
            {
                if (item.Length == 0)
                {
                    Error(allow, $"{section}.allow: entries must not be empty");
                }
            }

            return list;
        }

        private string[]? ReadEndpoints(YamlNode node)
        {
            var list = ReadAllowList(node, "endpoints");
            if (list is null)
            {
                return null;
            }

            foreach (var entry in list)
            {
                if (entry.Contains("://", StringComparison.Ordinal) && !Uri.TryCreate(entry, UriKind.Absolute, out _))
                {
                    Error(node, $"endpoints.allow: '{entry}' is not a valid URL");
                }
            }

            return list;
        }

        private LogprobsPolicy ReadLogprobs(YamlNode node, LogprobsPolicy current)
        {
            var map = ReadMap(node, "logprobs", ["request", "top_k", "entropy_threshold"]);
            var lp = current;
            if (map.TryGetValue("request", out var r) && ReadBool(r) is { } request)
            {
                lp = lp with { Request = request };
            }

            if (map.TryGetValue("top_k", out var k) && ReadInt(k, 0, 20) is { } topK)
            {
                lp = lp with { TopK = topK };
            }

            if (map.TryGetValue("entropy_threshold", out var e) && ReadDouble(e, 0, 100) is { } th)
            {
                lp = lp with { EntropyThreshold = th };
            }

            return lp;
        }

        private BodyRetention ReadRetention(YamlNode node)
        {
            switch ((node as YamlScalarNode)?.Value?.Trim().ToLowerInvariant())
            {
                case "full" or "keep":
                    return BodyRetention.Full;
                case "hash" or "hashed":
                    return BodyRetention.Hash;
                case "drop" or "none":
                    return BodyRetention.Drop;
                default:
                    Error(node, "bodies: expected full, hash or drop");
                    return BodyRetention.Full;
            }
        }

        private bool ValidateRegex(YamlNode node, string pattern)
        {
            try
            {
                _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100));
                return true;
            }
            catch (ArgumentException ex)
            {
                Error(node, $"invalid regular expression: {ex.Message}");
                return false;
            }
        }
    }
}
