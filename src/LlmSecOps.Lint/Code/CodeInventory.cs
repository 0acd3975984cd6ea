using System.Globalization;
using LlmSecOps.Lint.Checks;
using LlmSecOps.Lint.Data;
using LlmSecOps.Lint.Diagnostics;
using LlmSecOps.Lint.Documents;
using LlmSecOps.Lint.Text;

namespace LlmSecOps.Lint.Code;

/// <summary>
/// Collects what a source file says about its LLM usage: model names, endpoint URLs, sampling
/// parameters of LLM calls, safety flags, and tools (dict/object literals in the OpenAI shape,
/// <c>@tool</c> functions, <c>[KernelFunction]</c> methods, <c>ChatTool.CreateFunctionTool</c>,
/// ai-sdk <c>tool({…})</c>).
/// </summary>
internal sealed class CodeInventory
{
    private static readonly HashSet<string> ModelKeys = new(StringComparer.Ordinal)
    {
        "model", "model_name", "modelName", "model_id", "modelId", "ModelId", "Model", "deployment", "deployment_name", "deploymentName", "DeploymentName", "azure_deployment", "engine",
    };

    private static readonly HashSet<string> MaxTokenKeys = new(StringComparer.Ordinal)
    {
        "max_tokens", "maxTokens", "max_completion_tokens", "maxCompletionTokens", "max_output_tokens", "maxOutputTokens", "max_new_tokens", "num_predict", "MaxTokens", "MaxOutputTokenCount", "maxOutputTokenCount", "max_tokens_to_sample",
    };

    private static readonly HashSet<string> SamplingKeys = new(StringComparer.Ordinal)
    {
        "temperature", "Temperature", "top_p", "topP", "TopP", "frequency_penalty", "presence_penalty", "FrequencyPenalty", "PresencePenalty", "response_format", "responseFormat", "ResponseFormat", "seed", "Seed", "stop",
    };

    private static readonly string[] LlmHosts =
    [
        "api.openai.com", "openai.azure.com", "api.anthropic.com", "generativelanguage.googleapis.com", "aiplatform.googleapis.com", "api.mistral.ai",
        "api.groq.com", "api.together.xyz", "openrouter.ai", "api.cohere.ai", "api.cohere.com", "api.deepseek.com", "api.x.ai", "localhost:11434", "127.0.0.1:11434", "inference.ai.azure.com", "models.inference.ai.azure.com",
    ];

    private readonly CodeFile _code;
    private readonly LintDocument _doc;

    public CodeInventory(CodeFile code, LintDocument doc)
    {
        _code = code;
        _doc = doc;
    }

    public void Run()
    {
        var tokens = _code.Tokens;
        var skipUntil = -1;
        for (var k = 0; k < tokens.Count; k++)
        {
            var t = tokens[k];
            switch (t.Kind)
            {
                case CodeTokenKind.String when t.Literal is { } lit:
                    StringLiteral(k, t, lit);
                    break;
                case CodeTokenKind.Identifier:
                    Flag(k);
                    Decorators(k);
                    break;
                case CodeTokenKind.Punct when t.Text == "(":
                    Call(k);
                    break;
                case CodeTokenKind.Punct when t.Text == "{" && !_code.IsBlockBrace(k) && k > skipUntil:
                    if (ToolLiteral(k))
                    {
                        skipUntil = _code.Match(k);
                    }

                    OptionsInitializer(k);
                    break;
            }

            if (t.Kind == CodeTokenKind.String)
            {
                Flag(k);
            }
        }
    }

    private void StringLiteral(int k, CodeToken t, StringLiteral lit)
    {
        var value = lit.Value;
        if (lit.Interpolated)
        {
            // f"https://host/path/{x}": the host is still known.
            if (lit.Holes.Count > 0 && (value.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
            {
                var prefix = value[..lit.Holes[0].Start];
                var hostEnd = prefix.IndexOf('/', prefix.IndexOf("//", StringComparison.Ordinal) + 2);
                if (hostEnd > 0 && Classify(k, KeyBefore(k), prefix) is { } role)
                {
                    _doc.Endpoints.Add(new EndpointReference(prefix, role, t.Start, t.End));
                }
            }

            return;
        }

        if (SafetyFlags.CheckArgument(value) is { } arg)
        {
            _doc.Findings.Add(new RawFinding(RuleIds.SafetyDisabled, t.Start, t.End, arg, "argument"));
        }

        var key = KeyBefore(k);
        var modelKey = key is not null && ModelKeys.Contains(key);
        if ((modelKey || (ModelNames.IsModelLike(value) && InModelPosition(k))) && value.Length is > 0 and < 100 && !value.Contains(' ', StringComparison.Ordinal))
        {
            _doc.Models.Add(new ModelReference(value, t.Start, t.End));
        }

        if (value.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            var role = Classify(k, key, value);
            if (role is { } r)
            {
                _doc.Endpoints.Add(new EndpointReference(value, r, t.Start, t.End));
            }
        }
    }

    private EndpointRole? Classify(int k, string? key, string url)
    {
        foreach (var host in LlmHosts)
        {
            if (url.Contains(host, StringComparison.OrdinalIgnoreCase))
            {
                return EndpointRole.Upstream;
            }
        }

        var nk = key is null ? string.Empty : SafetyFlags.Normalize(key);
        if (nk.Contains("baseurl", StringComparison.Ordinal) || nk.Contains("apibase", StringComparison.Ordinal) || nk.Contains("endpoint", StringComparison.Ordinal) || nk.Contains("baseaddress", StringComparison.Ordinal))
        {
            return EndpointRole.Upstream;
        }

        var p = _code.Parent(k);
        if (p >= 0 && _code.Tokens[p].IsPunct("("))
        {
            var callee = _code.CalleeOf(p);
            var last = callee[(callee.LastIndexOf('.') + 1)..];
            if (last is "Uri" && _code.Parent(p) is var pp && KeyBefore(p - 1) is { } uriKey && SafetyFlags.Normalize(uriKey) is var nu && (nu.Contains("endpoint", StringComparison.Ordinal) || nu.Contains("baseaddress", StringComparison.Ordinal)))
            {
                _ = pp;
                return EndpointRole.Upstream;
            }

            if (callee.StartsWith("requests.", StringComparison.Ordinal) || callee.StartsWith("httpx.", StringComparison.Ordinal) || callee.StartsWith("axios", StringComparison.Ordinal) || callee.StartsWith("aiohttp", StringComparison.Ordinal)
                || last is "fetch" or "urlopen" or "get" or "post" or "put" or "delete" or "request" or "got" or "GetAsync" or "PostAsync" or "PutAsync" or "DeleteAsync" or "GetStringAsync" or "GetFromJsonAsync" or "PostAsJsonAsync" or "SendAsync" or "GetStreamAsync" or "Uri")
            {
                return EndpointRole.Fetched;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether a model id is where code names the model it calls: the first argument of a client
    /// or model factory (<c>new ChatClient("gpt-4o", …)</c>, <c>openai("gpt-4o")</c>,
    /// <c>GenerativeModel("gemini-1.5-pro")</c>), or assigned to a variable named like a model.
    /// Model ids elsewhere (tests, lists of names) are not usage.
    /// </summary>
    private bool InModelPosition(int k)
    {
        var p = _code.Parent(k);
        if (p >= 0 && _code.Tokens[p].IsPunct("(") && _code.ArgumentsOf(p) is { Count: > 0 } args && args[0].Start == k)
        {
            var callee = _code.CalleeOf(p);
            var last = callee[(callee.LastIndexOf('.') + 1)..];
            if (last is "ChatClient" or "GetChatClient" or "OpenAIClient" or "AzureOpenAIClient" or "openai" or "anthropic" or "google" or "mistral" or "ollama" or "azure" or "groq"
                or "GenerativeModel" or "init_chat_model" or "ChatOpenAI" or "ChatAnthropic" or "AddOpenAIChatCompletion" or "AddAzureOpenAIChatCompletion" or "OpenAIChatCompletionService"
                or "AsChatClient" or "GetResponsesClient" or "Model" or "LiteLLM" || callee.EndsWith("Completion", StringComparison.Ordinal))
            {
                return true;
            }
        }

        if (_code.At(k - 1) is { } eq && eq.IsPunct("="))
        {
            for (var j = k - 2; j >= 0 && j > k - 6; j--)
            {
                if (_code.Tokens[j].Kind == CodeTokenKind.Identifier)
                {
                    var words = Checks.TrustClassifier.Words(_code.Tokens[j].Text);
                    return words.Contains("model") || words.Contains("deployment") || words.Contains("engine");
                }
            }
        }

        return false;
    }

    /// <summary>The key or keyword a value is written under: <c>model=</c>, <c>"model":</c>, <c>Model =</c>.</summary>
    private string? KeyBefore(int k)
    {
        var sep = _code.At(k - 1);
        var key = _code.At(k - 2);
        if (sep is not null && key is not null && (sep.IsPunct("=") || sep.IsPunct(":")) && key.Kind is CodeTokenKind.Identifier or CodeTokenKind.String)
        {
            return key.Text;
        }

        return null;
    }

    private void Flag(int k)
    {
        var key = _code.Tokens[k];
        var sep = _code.At(k + 1);
        if (sep is null || !(sep.IsPunct("=") || sep.IsPunct(":")) || k + 2 >= _code.Tokens.Count)
        {
            return;
        }

        if (key.Kind == CodeTokenKind.String && key.Literal is { Interpolated: true })
        {
            return;
        }

        // The value: tokens up to the next top-level comma, closing bracket or statement end.
        var parent = _code.Parent(k);
        var end = k + 2;
        while (end < _code.Tokens.Count && end < k + 8)
        {
            var t = _code.Tokens[end];
            if (_code.Parent(end) != parent || t.IsPunct(",") || t.IsPunct(";") || (end > k + 2 && _code.NewlineBefore[end] && parent < 0))
            {
                break;
            }

            end++;
        }

        if (end == k + 2)
        {
            return;
        }

        var value = _code.TextOf(k + 2, end);
        if (SafetyFlags.Check(key.Text, value) is { } message)
        {
            _doc.Findings.Add(new RawFinding(RuleIds.SafetyDisabled, key.Start, _code.Tokens[end - 1].End, message, key.Text));
        }
    }

    private void Call(int open)
    {
        var callee = _code.CalleeOf(open);
        if (callee.Length == 0)
        {
            return;
        }

        if (_code.IsLlmCallAt(open))
        {
            var args = _code.ArgumentsOf(open);
            // TypeScript SDKs take one options object.
            if (_code.Language == CodeLanguage.TypeScript && args.Count >= 1 && _code.Tokens[args[^1].Start].IsPunct("{"))
            {
                args = _code.ArgumentsOf(args[^1].Start);
            }

            if (args.Any(a => a.Keyword is not null))
            {
                AddParameters(CalleeStartOffset(open), _code.Tokens[open].End, args.Where(a => a.Keyword is not null).Select(a => (a.Keyword!, a.ValueStart, a.End)));
            }
        }

        var last = callee[(callee.LastIndexOf('.') + 1)..];
        if (last == "CreateFunctionTool")
        {
            CSharpFunctionTool(open);
        }
        else if (last == "tool" && _code.Language == CodeLanguage.TypeScript)
        {
            AiSdkTool(open);
        }
    }

    private int CalleeStartOffset(int open)
    {
        var i = open - 1;
        while (i > 1 && _code.Tokens[i - 1].IsPunct(".") && _code.Tokens[i - 2].Kind == CodeTokenKind.Identifier)
        {
            i -= 2;
        }

        return _code.Tokens[Math.Max(0, i)].Start;
    }

    private void OptionsInitializer(int brace)
    {
        // C#: new ChatCompletionOptions { Temperature = 1.5f, MaxOutputTokenCount = 300 }.
        if (_code.Language != CodeLanguage.CSharp)
        {
            return;
        }

        var typeToken = _code.At(brace - 1);
        if (typeToken is null || typeToken.Kind != CodeTokenKind.Identifier || !(typeToken.Text.EndsWith("Options", StringComparison.Ordinal) || typeToken.Text.EndsWith("ExecutionSettings", StringComparison.Ordinal)))
        {
            return;
        }

        var entries = _code.ArgumentsOf(brace).Where(a => a.Keyword is not null).Select(a => (a.Keyword!, a.ValueStart, a.End)).ToList();
        if (entries.Count > 0)
        {
            AddParameters(typeToken.Start, typeToken.End, entries);
        }
    }

    private void AddParameters(int start, int end, IEnumerable<(string Key, int ValueStart, int End)> entries)
    {
        var hasMax = false;
        var sampling = false;
        var json = false;
        double? temperature = null;
        int ts = 0, te = 0;
        foreach (var (key, vs, ve) in entries)
        {
            if (MaxTokenKeys.Contains(key))
            {
                hasMax = true;
            }
            else if (SamplingKeys.Contains(key))
            {
                sampling = true;
                var text = _code.TextOf(vs, ve);
                if (key is "temperature" or "Temperature")
                {
                    var number = text.TrimEnd('f', 'F', 'd', 'D', 'm', 'M');
                    if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
                    {
                        temperature = d;
                        ts = _code.Tokens[vs].Start;
                        te = _code.Tokens[ve - 1].End;
                    }
                }

                if (key is "response_format" or "responseFormat" or "ResponseFormat" && text.Contains("json", StringComparison.OrdinalIgnoreCase))
                {
                    json = true;
                }
            }
            else if (key == "format" && _code.TextOf(vs, ve).Contains("json", StringComparison.OrdinalIgnoreCase))
            {
                json = true;
            }
        }

        if (!hasMax && !sampling)
        {
            return;
        }

        _doc.Parameters.Add(new ModelParameters
        {
            Start = start,
            End = end,
            HasMaxTokens = hasMax,
            HasSamplingParameters = sampling,
            Temperature = temperature,
            TemperatureStart = ts,
            TemperatureEnd = te,
            JsonOutput = json,
        });
    }

    private bool ToolLiteral(int brace)
    {
        if (_code.Language == CodeLanguage.CSharp)
        {
            return false;
        }

        var entries = _code.ArgumentsOf(brace);
        var keys = entries.Where(e => e.Keyword is not null).Select(e => e.Keyword!).ToHashSet(StringComparer.Ordinal);
        if (!(keys.Contains("function") || (keys.Contains("name") && (keys.Contains("parameters") || keys.Contains("input_schema") || keys.Contains("inputSchema")))))
        {
            return false;
        }

        if (LiteralReader.Read(_code, brace) is DataMap map && ToolReader.IsToolShape(map) && ToolReader.Read(map) is { } tool)
        {
            _doc.Tools.Add(tool);
            return true;
        }

        return false;
    }

    private void CSharpFunctionTool(int open)
    {
        var args = _code.ArgumentsOf(open);
        CodeArgument? Find(string keyword, int index) =>
            args.FirstOrDefault(a => a.Keyword == keyword) ?? (index < args.Count && args[index].Keyword is null ? args[index] : null);

        var nameArg = Find("functionName", 0);
        if (nameArg is null || _code.Tokens[nameArg.ValueStart] is not { Kind: CodeTokenKind.String, Literal: { } nameLit } nameToken)
        {
            return;
        }

        var descArg = Find("functionDescription", 1);
        var descToken = descArg is null ? null : _code.Tokens[descArg.ValueStart];
        DataMap? parameters = null;
        var paramArg = Find("functionParameters", 2);
        if (paramArg is not null)
        {
            for (var k = paramArg.ValueStart; k < paramArg.End; k++)
            {
                if (_code.Tokens[k] is { Kind: CodeTokenKind.String, Literal: { } jsonLit } && jsonLit.Value.TrimStart().StartsWith('{'))
                {
                    parameters = ParseEmbeddedJson(jsonLit) as DataMap;
                    break;
                }
            }
        }

        _doc.Tools.Add(new ToolDefinition
        {
            Name = nameLit.Value,
            Start = nameToken.Start,
            End = nameToken.End,
            Description = descToken?.Literal?.Value,
            DescriptionOrigin = descToken?.Literal?.Origin,
            Parameters = parameters,
        });
    }

    private static DataNode? ParseEmbeddedJson(StringLiteral literal)
    {
        var node = JsonTreeParser.Parse(literal.Value, out var error);
        return error is null && node is not null ? DataRemapper.Remap(node, literal.Origin) : null;
    }

    private void AiSdkTool(int open)
    {
        // getWeather: tool({ description: '…', parameters: z.object({ city: z.string() }) })
        var keyToken = _code.At(open - 3);
        var colon = _code.At(open - 2);
        if (keyToken is null || colon is null || !colon.IsPunct(":") || keyToken.Kind is not (CodeTokenKind.Identifier or CodeTokenKind.String))
        {
            return;
        }

        var args = _code.ArgumentsOf(open);
        if (args.Count == 0 || !_code.Tokens[args[0].Start].IsPunct("{"))
        {
            return;
        }

        string? description = null;
        TextOrigin? descOrigin = null;
        var parameters = new List<ToolParameter>();
        foreach (var entry in _code.ArgumentsOf(args[0].Start))
        {
            if (entry.Keyword == "description" && _code.Tokens[entry.ValueStart] is { Kind: CodeTokenKind.String, Literal: { } d })
            {
                description = d.Value;
                descOrigin = d.Origin;
            }
            else if (entry.Keyword is "parameters" or "inputSchema")
            {
                for (var k = entry.ValueStart; k < entry.End; k++)
                {
                    if (_code.Tokens[k].IsPunct("{") && !_code.IsBlockBrace(k))
                    {
                        foreach (var p in _code.ArgumentsOf(k))
                        {
                            if (p.Keyword is null)
                            {
                                continue;
                            }

                            var text = _code.TextOf(p.ValueStart, p.End);
                            var constrained = !text.Contains("z.string()", StringComparison.Ordinal) || text.Contains(".regex(", StringComparison.Ordinal) || text.Contains(".max(", StringComparison.Ordinal)
                                || text.Contains(".length(", StringComparison.Ordinal) || text.Contains(".url(", StringComparison.Ordinal) || text.Contains(".email(", StringComparison.Ordinal)
                                || text.Contains(".uuid(", StringComparison.Ordinal) || text.Contains(".startsWith(", StringComparison.Ordinal);
                            var type = text.Contains("z.string()", StringComparison.Ordinal) ? "string" : "other";
                            parameters.Add(new ToolParameter(p.Keyword, type, constrained, _code.Tokens[p.Start].Start, _code.Tokens[p.End - 1].End));
                        }

                        break;
                    }
                }
            }
        }

        _doc.Tools.Add(new ToolDefinition
        {
            Name = keyToken.Text,
            Start = keyToken.Start,
            End = keyToken.End,
            Description = description,
            DescriptionOrigin = descOrigin,
            CodeParameters = parameters,
        });
    }

    private void Decorators(int k)
    {
        var t = _code.Tokens[k];
        if (_code.Language == CodeLanguage.Python && _code.At(k - 1) is { } at && at.IsPunct("@") && t.Text is "tool" or "function_tool" && !(_code.At(k + 1) is { } dot && dot.IsPunct(".")))
        {
            PythonTool(k);
        }
        else if (_code.Language == CodeLanguage.Python && _code.At(k - 1) is { } dot2 && dot2.IsPunct(".") && t.Text == "tool" && _code.At(k - 3) is { } at2 && at2.IsPunct("@"))
        {
            PythonTool(k);
        }
        else if (_code.Language == CodeLanguage.CSharp && t.Text is "KernelFunction" or "McpServerTool" && _code.At(k - 1) is { } open && (open.IsPunct("[") || open.IsPunct(",")))
        {
            CSharpKernelFunction(k);
        }
    }

    private void PythonTool(int k)
    {
        // @tool / @tool("name") / @mcp.tool() followed by def name(params) -> type:
        var i = k + 1;
        string? explicitName = null;
        if (_code.At(i) is { } paren && paren.IsPunct("("))
        {
            var args = _code.ArgumentsOf(i);
            if (args.Count > 0 && args[0].Keyword is null && _code.Tokens[args[0].Start] is { Kind: CodeTokenKind.String } nameTok)
            {
                explicitName = nameTok.Text;
            }

            i = _code.Match(i) + 1;
        }

        while (i < _code.Tokens.Count && !_code.Tokens[i].IsIdent("def") && i < k + 40)
        {
            i++;
        }

        if (_code.At(i + 1) is not { Kind: CodeTokenKind.Identifier } name || _code.At(i + 2) is not { } open || !open.IsPunct("("))
        {
            return;
        }

        var parameters = new List<ToolParameter>();
        foreach (var a in _code.ArgumentsOf(i + 2))
        {
            var pname = _code.Tokens[a.Start].Text;
            if (pname is "self" or "cls" || pname.StartsWith('*'))
            {
                continue;
            }

            var annotation = a.Keyword is not null ? _code.TextOf(a.ValueStart, a.End) : string.Empty;
            var eq = annotation.IndexOf('=', StringComparison.Ordinal);
            var type = (eq >= 0 ? annotation[..eq] : annotation).Trim();
            var isString = type.Length == 0 || type is "str" or "Optional[str]" or "str | None" or "Any";
            var constrained = !isString || type.Contains("Literal", StringComparison.Ordinal) || type.Contains("pattern", StringComparison.Ordinal) || type.Contains("max_length", StringComparison.Ordinal);
            parameters.Add(new ToolParameter(pname, isString ? "string" : type, constrained, _code.Tokens[a.Start].Start, _code.Tokens[a.End - 1].End));
        }

        // The docstring is the first statement of the body.
        var close = _code.Match(i + 2);
        string? description = null;
        TextOrigin? origin = null;
        for (var j = close + 1; j < Math.Min(_code.Tokens.Count, close + 12); j++)
        {
            if (_code.Tokens[j] is { Kind: CodeTokenKind.String, Literal: { } doc })
            {
                description = doc.Value.Trim();
                origin = doc.Origin;
                break;
            }

            if (_code.Tokens[j].IsIdent("def") || _code.Tokens[j].IsIdent("return"))
            {
                break;
            }
        }

        _doc.Tools.Add(new ToolDefinition
        {
            Name = explicitName ?? name.Text,
            Start = name.Start,
            End = name.End,
            Description = description,
            DescriptionOrigin = origin,
            CodeParameters = parameters,
        });
    }

    private void CSharpKernelFunction(int k)
    {
        string? explicitName = null;
        var i = k + 1;
        if (_code.At(i) is { } paren && paren.IsPunct("("))
        {
            var args = _code.ArgumentsOf(i);
            if (args.Count > 0 && _code.Tokens[args[0].Start] is { Kind: CodeTokenKind.String } nameTok)
            {
                explicitName = nameTok.Text;
            }

            i = _code.Match(i) + 1;
        }

        // Skip the rest of the attribute lists, modifiers and the return type, up to "Name(".
        string? description = null;
        TextOrigin? descOrigin = null;
        var limit = Math.Min(_code.Tokens.Count - 1, i + 60);
        while (i < limit)
        {
            var t = _code.Tokens[i];
            if (t.IsIdent("Description") && _code.At(i + 1) is { } dp && dp.IsPunct("(") && _code.At(i + 2) is { Kind: CodeTokenKind.String, Literal: { } dl })
            {
                description = dl.Value;
                descOrigin = dl.Origin;
            }

            if (t.Kind == CodeTokenKind.Identifier && _code.At(i + 1) is { } p && p.IsPunct("(") && t.Text is not ("Description" or "KernelFunction" or "McpServerTool" or "Task" or "ValueTask"))
            {
                if (_code.Parent(i) >= 0 && _code.Tokens[_code.Parent(i)].IsPunct("["))
                {
                    i++;
                    continue;
                }

                break;
            }

            i++;
        }

        if (i >= limit)
        {
            return;
        }

        var method = _code.Tokens[i];
        var parameters = new List<ToolParameter>();
        foreach (var a in _code.ArgumentsOf(i + 1))
        {
            // "[Description("…")] string city" or "int days = 3": the name is the last identifier before '=' or the end.
            var end = a.End;
            for (var j = a.Start; j < a.End; j++)
            {
                if (_code.Tokens[j].IsPunct("=") && _code.Parent(j) == i + 1)
                {
                    end = j;
                    break;
                }
            }

            var nameIdx = end - 1;
            if (nameIdx < a.Start || _code.Tokens[nameIdx].Kind != CodeTokenKind.Identifier)
            {
                continue;
            }

            var typeIdx = nameIdx - 1;
            var type = typeIdx >= a.Start ? _code.Tokens[typeIdx].Text : "string";
            if (type is "?" && typeIdx - 1 >= a.Start)
            {
                type = _code.Tokens[typeIdx - 1].Text;
            }

            if (type is "CancellationToken" or "Kernel" or "KernelArguments")
            {
                continue;
            }

            var isString = type is "string" or "String" or "object" or "dynamic";
            parameters.Add(new ToolParameter(_code.Tokens[nameIdx].Text, isString ? "string" : type, !isString, _code.Tokens[a.Start].Start, _code.Tokens[end - 1].End));
        }

        var name = explicitName ?? (method.Text.EndsWith("Async", StringComparison.Ordinal) ? method.Text[..^5] : method.Text);
        _doc.Tools.Add(new ToolDefinition
        {
            Name = name,
            Start = method.Start,
            End = method.End,
            Description = description,
            DescriptionOrigin = descOrigin,
            CodeParameters = parameters,
        });
    }
}
