using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using LlmSecOps.Core.Policy;
using YamlDotNet.RepresentationModel;

namespace LlmSecOps.Server.Gateway.Configuration;

/// <summary>
/// Reads the gateway's YAML configuration. Every problem is collected with its line and column
/// and reported together in one <see cref="PolicyException"/> (the command line turns it into
/// exit code 2). Unknown keys are errors: a misspelt <c>allow_anonymous</c> must not silently
/// change who may call the gateway.
/// </summary>
internal static partial class GatewayConfigLoader
{
    /// <summary>Largest configuration file accepted.</summary>
    public const int MaxBytes = 1 << 20;

    private const int MaxDepth = 32;

    private static readonly string[] TopLevelKeys =
    [
        "version", "listen", "data_dir", "policy", "upstreams", "auth", "trusted_proxies", "bodies",
        "streaming", "canary", "redaction", "limits", "opa", "routes", "prompt_schema",
    ];

    /// <summary>
    /// Loads a configuration file. With <paramref name="validate"/> false only the file's own
    /// problems are reported, so a caller can add what the command line gives (an upstream) and
    /// validate the result itself.
    /// </summary>
    public static GatewayOptions LoadFile(string path, Func<string, string?> environment, bool validate = true)
    {
        string text;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new PolicyException([new PolicyError(path, 0, 0, "file not found")]);
            }

            if (info.Length > MaxBytes)
            {
                throw new PolicyException([new PolicyError(path, 0, 0, $"file is {info.Length} bytes; the limit is {MaxBytes}")]);
            }

            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new PolicyException([new PolicyError(path, 0, 0, ex.Message)]);
        }

        return Parse(text, path, environment, Path.GetDirectoryName(Path.GetFullPath(path)), validate);
    }

    /// <summary>Parses configuration YAML; relative paths in it resolve against <paramref name="baseDirectory"/>.</summary>
    public static GatewayOptions Parse(string yaml, string source, Func<string, string?> environment, string? baseDirectory = null, bool validate = true)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(environment);
        if (yaml.Length > MaxBytes)
        {
            throw new PolicyException([new PolicyError(source, 0, 0, $"configuration is {yaml.Length} characters; the limit is {MaxBytes}")]);
        }

        if (yaml.Contains('\0', StringComparison.Ordinal))
        {
            throw new PolicyException([new PolicyError(source, 0, 0, "configuration contains NUL bytes; is it a binary file?")]);
        }

        var errors = new List<PolicyError>();
        var root = LoadRoot(yaml, source, errors);
        if (root is null)
        {
            throw new PolicyException(errors);
        }

        var reader = new Reader(source, errors, environment, baseDirectory);
        var options = reader.Read(root);
        if (errors.Count == 0 && validate)
        {
            foreach (var message in options.Validate())
            {
                errors.Add(new PolicyError(source, 0, 0, message));
            }
        }

        if (errors.Count > 0)
        {
            throw new PolicyException(errors);
        }

        return options;
    }

    /// <summary>Parses a duration: <c>250ms</c>, <c>5s</c>, <c>2m</c>, <c>1h</c>, or a number of seconds.</summary>
    public static bool TryParseDuration(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim().ToLowerInvariant();
        (string Suffix, double Factor)[] units = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)];
        foreach (var (suffix, factor) in units)
        {
            if (s.EndsWith(suffix, StringComparison.Ordinal) &&
                double.TryParse(s.AsSpan(0, s.Length - suffix.Length), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) &&
                double.IsFinite(n) && n >= 0 && n * factor <= 86_400)
            {
                value = TimeSpan.FromSeconds(n * factor);
                return true;
            }
        }

        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds) && seconds is >= 0 and <= 86_400)
        {
            value = TimeSpan.FromSeconds(seconds);
            return true;
        }

        return false;
    }

    /// <summary>Parses a size: <c>512KiB</c>, <c>8MiB</c>, <c>1GiB</c>, <c>10MB</c>, or a number of bytes.</summary>
    public static bool TryParseSize(string? text, out long value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim().ToLowerInvariant();
        (string Suffix, long Factor)[] units = [("kib", 1L << 10), ("mib", 1L << 20), ("gib", 1L << 30), ("kb", 1000), ("mb", 1_000_000), ("gb", 1_000_000_000), ("b", 1)];
        foreach (var (suffix, factor) in units)
        {
            if (s.EndsWith(suffix, StringComparison.Ordinal))
            {
                if (double.TryParse(s.AsSpan(0, s.Length - suffix.Length).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) &&
                    double.IsFinite(n) && n >= 0 && n * factor <= 1L << 40)
                {
                    value = (long)(n * factor);
                    return true;
                }

                return false;
            }
        }

        return long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out value) && value >= 0;
    }

    private static YamlMappingNode? LoadRoot(string yaml, string source, List<PolicyError> errors) =>
        BoundedYaml.LoadMapping(
            yaml,
            MaxDepth,
            "aliases are not allowed in the configuration",
            "a configuration file holds one YAML document",
            "the configuration must be a mapping (upstreams, auth, …)",
            (line, column, message) => errors.Add(new PolicyError(source, line, column, message)));

    private sealed partial class Reader(string source, List<PolicyError> errors, Func<string, string?> environment, string? baseDirectory)
        : YamlSectionReader(source, errors)
    {
        public GatewayOptions Read(YamlMappingNode root)
        {
            var options = new GatewayOptions { Upstreams = [] };
            var sawUpstreams = false;
            foreach (var (keyNode, value) in root.Children)
            {
                var key = KeyOf(keyNode);
                switch (key)
                {
                    case null:
                        break;
                    case "version":
                        if (value is not YamlScalarNode { Value: "1" })
                        {
                            Error(value, "unsupported configuration version; this build reads version 1");
                        }

                        break;
                    case "listen":
                        options = options with { Urls = ReadUrls(value) };
                        break;
                    case "data_dir":
                        options = options with { DataDir = ResolvePath(ReadString(value)) };
                        break;
                    case "policy":
                        options = options with { PolicyPath = ResolvePath(ReadString(value)) };
                        break;
                    case "upstreams":
                        sawUpstreams = true;
                        options = options with { Upstreams = ReadUpstreams(value) };
                        break;
                    case "auth":
                        options = ReadAuth(value, options);
                        break;
                    case "trusted_proxies":
                        options = options with { TrustedProxies = ReadNetworks(value) };
                        break;
                    case "bodies":
                        options = options with { Bodies = ReadRetention(value) };
                        break;
                    case "streaming":
                        options = options with { Streaming = ReadStreaming(value) };
                        break;
                    case "canary":
                        options = options with { CanaryEnabled = ReadEnabled(value, "canary") };
                        break;
                    case "redaction":
                        var r = ReadMap(value, "redaction", ["restore"]);
                        if (r.TryGetValue("restore", out var restore) && ReadBool(restore) is { } rb)
                        {
                            options = options with { RestorePlaceholders = rb };
                        }

                        break;
                    case "limits":
                        options = ReadLimits(value, options);
                        break;
                    case "opa":
                        options = options with { Opa = ReadOpa(value) };
                        break;
                    case "routes":
                        options = options with { Routes = ReadRoutes(value) };
                        break;
                    case "prompt_schema":
                        options = options with { PromptSchema = ReadPromptSchema(value) };
                        break;
                    default:
                        Error(keyNode, $"unknown key '{key}'; expected one of: {string.Join(", ", TopLevelKeys)}");
                        break;
                }
            }

            if (!sawUpstreams)
            {
                // An upstream may still come from --upstream; the command checks the merged result.
                options = options with { Upstreams = [] };
            }

            return options;
        }

        private string? ReadUrls(YamlNode node)
        {
            var urls = node is YamlSequenceNode ? ReadStringList(node) : ReadString(node) is { } one ? [one] : [];
            foreach (var u in urls)
            {
                if (!Uri.TryCreate(u, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                {
                    Error(node, $"listen: '{u}' is not an http(s) URL such as http://127.0.0.1:8080");
                }
            }

            return urls.Length == 0 ? null : string.Join(';', urls);
        }

        private string? ResolvePath(string? path) =>
            path is null ? null : baseDirectory is null ? path : Path.GetFullPath(path, baseDirectory);

        private List<UpstreamOptions> ReadUpstreams(YamlNode node)
        {
            var list = new List<UpstreamOptions>();
            if (node is not YamlSequenceNode seq)
            {
                Error(node, "upstreams: expected a list of { name, base_url, api_key_env, models, timeouts, retries }");
                return list;
            }

            var index = 0;
            foreach (var item in seq)
            {
                index++;
                var map = ReadMap(item, $"upstreams[{index}]", ["name", "base_url", "api_key_env", "models", "timeouts", "retries", "retry_delay"]);
                if (map.Count == 0)
                {
                    continue;
                }

                var name = map.TryGetValue("name", out var n) ? ReadString(n) : null;
                if (string.IsNullOrWhiteSpace(name))
                {
                    Error(item, $"upstreams[{index}]: 'name' is required");
                    name = $"upstream{index}";
                }

                Uri? baseUrl = null;
                if (!map.TryGetValue("base_url", out var b))
                {
                    Error(item, $"upstreams[{index}] ({name}): 'base_url' is required");
                }
                else if (ReadString(b) is { } url)
                {
                    if (Uri.TryCreate(url, UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps))
                    {
                        baseUrl = GatewayOptions.NormalizeBase(parsed);
                    }
                    else
                    {
                        Error(b, $"upstream '{name}': base_url '{url}' is not an absolute http(s) URL");
                    }
                }

                string? apiKey = null;
                string? apiKeyEnv = null;
                if (map.TryGetValue("api_key_env", out var e) && ReadString(e) is { } envName)
                {
                    apiKeyEnv = envName;
                    apiKey = environment(envName);
                    if (string.IsNullOrEmpty(apiKey))
                    {
                        Error(e, $"upstream '{name}': environment variable {envName} is not set");
                    }
                }

                var upstream = new UpstreamOptions
                {
                    Name = name,
                    BaseUrl = baseUrl ?? new Uri("http://invalid.invalid/"),
                    ApiKey = apiKey,
                    ApiKeyEnvironmentVariable = apiKeyEnv,
                    Models = map.TryGetValue("models", out var m) ? ReadStringList(m).Select(ModelPattern.Parse).ToArray() : [],
                };

                if (map.TryGetValue("timeouts", out var t))
                {
                    var tm = ReadMap(t, $"upstream '{name}' timeouts", ["connect", "first_byte", "total"]);
                    if (tm.TryGetValue("connect", out var c) && ReadDuration(c) is { } connect)
                    {
                        upstream = upstream with { ConnectTimeout = connect };
                    }

                    if (tm.TryGetValue("first_byte", out var fb) && ReadDuration(fb) is { } firstByte)
                    {
                        upstream = upstream with { FirstByteTimeout = firstByte };
                    }

                    if (tm.TryGetValue("total", out var tt) && ReadDuration(tt) is { } total)
                    {
                        upstream = upstream with { TotalTimeout = total };
                    }
                }

                if (map.TryGetValue("retries", out var rt) && ReadInt(rt, 0, 10) is { } retries)
                {
                    upstream = upstream with { Retries = retries };
                }

                if (map.TryGetValue("retry_delay", out var rd) && ReadDuration(rd) is { } delay)
                {
                    upstream = upstream with { RetryDelay = delay };
                }

                list.Add(upstream);
            }

            return list;
        }

        private GatewayOptions ReadAuth(YamlNode node, GatewayOptions options)
        {
            var map = ReadMap(node, "auth", ["allow_anonymous", "anonymous_roles", "keys"]);
            if (map.TryGetValue("allow_anonymous", out var a) && ReadBool(a) is { } anonymous)
            {
                options = options with { AllowAnonymous = anonymous };
            }

            if (map.TryGetValue("anonymous_roles", out var ar))
            {
                options = options with { AnonymousRoles = ReadStringList(ar) };
            }

            if (map.TryGetValue("keys", out var keys))
            {
                var list = new List<ClientKey>();
                if (keys is YamlSequenceNode seq)
                {
                    var index = 0;
                    foreach (var item in seq)
                    {
                        index++;
                        var k = ReadMap(item, $"auth.keys[{index}]", ["id", "sha256", "user", "roles", "tenant"]);
                        if (k.Count == 0)
                        {
                            continue;
                        }

                        var id = k.TryGetValue("id", out var idNode) ? ReadString(idNode) : null;
                        if (string.IsNullOrWhiteSpace(id))
                        {
                            Error(item, $"auth.keys[{index}]: 'id' is required");
                            continue;
                        }

                        byte[]? hash = null;
                        if (!k.TryGetValue("sha256", out var h))
                        {
                            Error(item, $"auth.keys[{index}] ({id}): 'sha256' is required (the SHA-256 of the key, 64 hex digits)");
                        }
                        else if (ReadString(h) is { } hex)
                        {
                            if (hex.Length == 64 && HexPattern().IsMatch(hex))
                            {
                                hash = Convert.FromHexString(hex);
                            }
                            else
                            {
                                Error(h, $"auth.keys[{index}] ({id}): sha256 must be 64 hex digits; store the hash of the key, never the key");
                            }
                        }

                        if (hash is null)
                        {
                            continue;
                        }

                        list.Add(new ClientKey
                        {
                            Id = id,
                            Sha256 = hash,
                            User = k.TryGetValue("user", out var u) ? ReadString(u) : null,
                            Roles = k.TryGetValue("roles", out var r) ? ReadStringList(r) : [],
                            Tenant = k.TryGetValue("tenant", out var t) ? ReadString(t) : null,
                        });
                    }
                }
                else
                {
                    Error(keys, "auth.keys: expected a list of { id, sha256, user, roles, tenant }");
                }

                options = options with { ClientKeys = list };
            }

            return options;
        }

        private List<IPNetwork> ReadNetworks(YamlNode node)
        {
            var list = new List<IPNetwork>();
            if (node is not YamlSequenceNode seq)
            {
                Error(node, "trusted_proxies: expected a list of IP addresses or CIDR ranges");
                return list;
            }

            foreach (var item in seq)
            {
                if (ReadString(item) is not { } text)
                {
                    continue;
                }

                if (TryParseNetwork(text, out var network))
                {
                    list.Add(network);
                }
                else
                {
                    Error(item, $"trusted_proxies: '{text}' is not an IP address or CIDR range");
                }
            }

            return list;
        }

        private BodyRetention? ReadRetention(YamlNode node)
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
                    return null;
            }
        }

        private StreamingOptions ReadStreaming(YamlNode node)
        {
            var map = ReadMap(node, "streaming", ["window_chars", "scan_step_chars"]);
            var s = new StreamingOptions();
            if (map.TryGetValue("window_chars", out var w) && ReadInt(w, 16, 65536) is { } window)
            {
                s = s with { WindowChars = window };
            }

            if (map.TryGetValue("scan_step_chars", out var st) && ReadInt(st, 1, 65536) is { } step)
            {
                s = s with { ScanStepChars = step };
            }

            return s;
        }

        private bool ReadEnabled(YamlNode node, string section)
        {
            if (node is YamlScalarNode)
            {
                return ReadBool(node) ?? true;
            }

            var map = ReadMap(node, section, ["enabled"]);
            return !map.TryGetValue("enabled", out var e) || (ReadBool(e) ?? true);
        }

        private GatewayOptions ReadLimits(YamlNode node, GatewayOptions options)
        {
            var map = ReadMap(node, "limits", ["max_request_bytes", "max_response_bytes"]);
            if (map.TryGetValue("max_request_bytes", out var rq) && ReadSize(rq) is { } req)
            {
                options = options with { MaxRequestBytes = req };
            }

            if (map.TryGetValue("max_response_bytes", out var rs) && ReadSize(rs) is { } resp)
            {
                options = options with { MaxResponseBytes = resp };
            }

            return options;
        }

        /// <summary><c>prompt_schema: FILE</c> or <c>prompt_schema: { path: FILE, required: bool }</c>.</summary>
        private PromptSchemaOptions? ReadPromptSchema(YamlNode node)
        {
            string? path;
            var required = false;
            if (node is YamlScalarNode)
            {
                path = ReadString(node);
            }
            else
            {
                var map = ReadMap(node, "prompt_schema", ["path", "required"]);
                path = map.TryGetValue("path", out var p) ? ReadString(p) : null;
                if (map.TryGetValue("required", out var r))
                {
                    required = ReadBool(r) ?? false;
                }
            }

            if (string.IsNullOrWhiteSpace(path))
            {
                Error(node, "prompt_schema: give the schema file, as 'prompt_schema: FILE' or 'prompt_schema: { path: FILE }'");
                return null;
            }

            return PromptSchemaOptions.Load(ResolvePath(path)!, required, Errors);
        }

        private OpaOptions? ReadOpa(YamlNode node)
        {
            var map = ReadMap(node, "opa", ["url", "path", "timeout", "fail_open"]);
            if (map.Count == 0)
            {
                return null;
            }

            if (!map.TryGetValue("url", out var u) || ReadString(u) is not { } url)
            {
                Error(node, "opa: 'url' is required (e.g. http://127.0.0.1:8181)");
                return null;
            }

            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                Error(u, $"opa.url: '{url}' is not an absolute http(s) URL");
                return null;
            }

            var opa = new OpaOptions { Url = GatewayOptions.NormalizeBase(uri) };
            if (map.TryGetValue("path", out var p) && ReadString(p) is { } path)
            {
                if (PathPattern().IsMatch(path.Trim('/')))
                {
                    opa = opa with { Path = path.Trim('/') };
                }
                else
                {
                    Error(p, "opa.path: expected a slash-separated document path such as llmsecops/gateway/decision");
                }
            }

            if (map.TryGetValue("timeout", out var t) && ReadDuration(t) is { } timeout)
            {
                opa = opa with { Timeout = timeout };
            }

            if (map.TryGetValue("fail_open", out var f) && ReadBool(f) is { } failOpen)
            {
                opa = opa with { FailOpen = failOpen };
            }

            return opa;
        }

        private Dictionary<string, RouteOptions> ReadRoutes(YamlNode node)
        {
            var result = new Dictionary<string, RouteOptions>(StringComparer.Ordinal);
            if (node is not YamlMappingNode map)
            {
                Error(node, "routes: expected a mapping of route name to { tools }");
                return result;
            }

            foreach (var (k, v) in map.Children)
            {
                if (KeyOf(k) is not { } name)
                {
                    continue;
                }

                if (!RouteNamePattern().IsMatch(name))
                {
                    Error(k, $"routes: '{name}' is not a valid route name (letters, digits, '-' and '_')");
                    continue;
                }

                var r = ReadMap(v, $"routes.{name}", ["tools"]);
                result[name] = new RouteOptions
                {
                    Name = name,
                    Tools = r.TryGetValue("tools", out var tools) ? ReadTools(tools, $"routes.{name}.tools") : null,
                };
            }

            return result;
        }

        private ToolPolicy ReadTools(YamlNode node, string section)
        {
            var map = ReadMap(node, section, ["allow", "deny", "roles", "arguments"]);
            var tools = new ToolPolicy();
            if (map.TryGetValue("allow", out var allow))
            {
                tools = tools with { Allow = allow is YamlScalarNode { Value: "*" } ? null : ReadStringList(allow) };
            }
            else
            {
                // A route that names tools at all starts from "nothing allowed" unless it says "*".
                tools = tools with { Allow = [] };
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
                    foreach (var (rk, rv) in rm.Children)
                    {
                        if (KeyOf(rk) is { } role)
                        {
                            dict[role] = ReadStringList(rv);
                        }
                    }
                }
                else
                {
                    Error(roles, $"{section}.roles: expected a mapping of role: [tool, …]");
                }

                tools = tools with { Roles = dict };
            }

            if (map.TryGetValue("arguments", out var args))
            {
                tools = tools with { Arguments = ReadArguments(args, section) };
            }

            return tools;
        }

        private Dictionary<string, IReadOnlyDictionary<string, ArgumentConstraint>> ReadArguments(YamlNode node, string section)
        {
            var result = new Dictionary<string, IReadOnlyDictionary<string, ArgumentConstraint>>(StringComparer.Ordinal);
            if (node is not YamlMappingNode tools)
            {
                Error(node, $"{section}.arguments: expected tool: {{ argument: {{ pattern | schema | allowed_hosts | path_prefix }} }}");
                return result;
            }

            foreach (var (tk, tv) in tools.Children)
            {
                if (KeyOf(tk) is not { } tool)
                {
                    continue;
                }

                if (tv is not YamlMappingNode argMap)
                {
                    Error(tv, $"{section}.arguments.{tool}: expected a mapping of argument name to constraint");
                    continue;
                }

                var perArg = new Dictionary<string, ArgumentConstraint>(StringComparer.Ordinal);
                foreach (var (ak, av) in argMap.Children)
                {
                    if (KeyOf(ak) is not { } arg)
                    {
                        continue;
                    }

                    var c = ReadMap(av, $"{section}.arguments.{tool}.{arg}", ["pattern", "schema", "allowed_hosts", "path_prefix"]);
                    var constraint = new ArgumentConstraint();
                    if (c.TryGetValue("pattern", out var p) && ReadString(p) is { } pattern)
                    {
                        try
                        {
                            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100));
                            constraint = constraint with { Pattern = pattern };
                        }
                        catch (ArgumentException ex)
                        {
                            Error(p, $"invalid regular expression: {ex.Message}");
                        }
                    }

                    if (c.TryGetValue("schema", out var s))
                    {
                        var schema = s is YamlScalarNode ss ? ss.Value : YamlToJson.Convert(s);
                        string? schemaError = null;
                        if (schema is not null && Tools.JsonSchemaLite.TryParse(schema, out _, out schemaError))
                        {
                            constraint = constraint with { Schema = schema };
                        }
                        else
                        {
                            Error(s, $"invalid JSON Schema: {schemaError ?? "empty"}");
                        }
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

        private TimeSpan? ReadDuration(YamlNode node)
        {
            if (node is YamlScalarNode { Value: var v } && TryParseDuration(v, out var d) && d > TimeSpan.Zero)
            {
                return d;
            }

            Error(node, "expected a positive duration such as 250ms, 5s or 2m");
            return null;
        }

        private long? ReadSize(YamlNode node)
        {
            if (node is YamlScalarNode { Value: var v } && TryParseSize(v, out var n))
            {
                return n;
            }

            Error(node, "expected a size such as 512KiB or 8MiB");
            return null;
        }

        [GeneratedRegex("^[0-9a-fA-F]{64}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
        private static partial Regex HexPattern();

        [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
        private static partial Regex RouteNamePattern();

        [GeneratedRegex("^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
        private static partial Regex PathPattern();
    }

    /// <summary>Parses <c>10.0.0.0/8</c>, <c>::1</c> or <c>127.0.0.1</c> (a single address is a /32 or /128).</summary>
    public static bool TryParseNetwork(string text, out IPNetwork network)
    {
        text = text.Trim();
        if (text.Contains('/', StringComparison.Ordinal))
        {
            return IPNetwork.TryParse(text, out network);
        }

        if (IPAddress.TryParse(text, out var address))
        {
            network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }

        network = default;
        return false;
    }
}
