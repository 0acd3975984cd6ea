using LlmSecOps.Lint.Checks;
using LlmSecOps.Lint.Data;
using LlmSecOps.Lint.Diagnostics;
using LlmSecOps.Lint.Templates;

namespace LlmSecOps.Lint.Documents;

/// <summary>
/// Reads a YAML or JSON tree and recognises, at any depth, the shapes LLM applications use:
/// LangChain prompts (<c>_type: prompt|chat|few_shot</c>), Semantic Kernel prompt configs
/// (<c>template</c> + <c>input_variables</c>/<c>execution_settings</c>), message lists, tool and
/// function definitions, assistant configs (<c>instructions</c> + <c>model</c>), chat templates,
/// model names, endpoints, sampling parameters and safety flags.
/// </summary>
internal sealed class StructuredReader
{
    private const int MaxVisits = 200_000;

    private static readonly HashSet<string> LangChainTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "prompt", "chat", "chat_prompt", "chat_prompt_template", "few_shot", "few_shot_prompt", "few_shot_chat",
    };

    private static readonly HashSet<string> ModelKeys = new(StringComparer.Ordinal)
    {
        "model", "model_name", "modelName", "model_id", "modelId", "ModelId", "deployment", "deployment_name", "deploymentName", "azure_deployment", "engine",
    };

    private static readonly HashSet<string> SamplingKeys = new(StringComparer.Ordinal)
    {
        "temperature", "top_p", "topP", "top_k", "topK", "frequency_penalty", "presence_penalty", "response_format", "responseFormat", "seed", "stop", "response_mime_type", "responseMimeType",
    };

    private static readonly HashSet<string> MaxTokenKeys = new(StringComparer.Ordinal)
    {
        "max_tokens", "maxTokens", "max_completion_tokens", "maxCompletionTokens", "max_output_tokens", "maxOutputTokens", "max_new_tokens", "num_predict", "MaxTokens", "max_tokens_to_sample", "maxOutputTokenCount", "MaxOutputTokenCount",
    };

    private static readonly HashSet<string> SystemPromptKeys = new(StringComparer.Ordinal)
    {
        "system_prompt", "systemPrompt", "system_message", "systemMessage", "system_instruction", "systemInstruction",
    };

    private static readonly HashSet<string> UserPromptKeys = new(StringComparer.Ordinal)
    {
        "user_prompt", "userPrompt", "prompt", "prompt_template", "promptTemplate", "user_message", "human_prompt",
    };

    private readonly LintDocument _doc;
    private int _visits;

    public StructuredReader(LintDocument doc)
    {
        _doc = doc;
    }

    /// <summary>Whether anything LLM-related was seen.</summary>
    public bool SawLlmContent { get; private set; }

    public void Read(DataNode root, bool extractTemplates)
    {
        Walk(root, null, 0, extractTemplates, insideTool: false);
    }

    private void Walk(DataNode node, string? key, int depth, bool extract, bool insideTool)
    {
        if (++_visits > MaxVisits || depth > 64)
        {
            return;
        }

        switch (node)
        {
            case DataMap map:
                WalkMap(map, depth, extract, insideTool);
                break;
            case DataSequence seq:
                if (extract && key is "prompts" && seq.Items.All(static i => i is DataScalar { IsString: true }))
                {
                    foreach (var item in seq.Items.Cast<DataScalar>())
                    {
                        AddGenericPrompt(item, null);
                    }
                }

                foreach (var item in seq.Items)
                {
                    Walk(item, key, depth + 1, extract, insideTool);
                }

                break;
        }
    }

    private void WalkMap(DataMap map, int depth, bool extract, bool insideTool)
    {
        var extractChildren = extract;
        var childInsideTool = insideTool;
        if (extract)
        {
            if (map.GetString("_type") is { } lcType && LangChainTypes.Contains(lcType))
            {
                ReadLangChain(map, lcType);
                extractChildren = false;
            }
            else if (map.Get("template") is DataScalar { IsString: true } && (map.Has("input_variables") || map.Has("template_format") || map.Has("execution_settings")))
            {
                ReadPromptConfig(map);
                extractChildren = false;
            }

            if (extractChildren && map.GetSequence("messages") is { } messages && IsMessageList(messages))
            {
                ReadMessages(messages, map.GetString("name") ?? _doc.Stem);
            }

            if (extractChildren && map.Get("instructions") is DataScalar { IsString: true } instructions && (map.Has("model") || map.Has("tools") || map.Has("name")))
            {
                var unit = new PromptUnit { Id = map.GetString("name") ?? _doc.Stem };
                unit.Templates.Add(TemplateFactory.FromScalar(instructions, "system", null, wholeMessage: true));
                _doc.Units.Add(unit);
            }

            if (map.Get("chat_template") is { } chatTemplate)
            {
                ReadChatTemplate(chatTemplate);
            }

            if (extractChildren)
            {
                foreach (var (k, v) in map.Entries)
                {
                    if (v is DataScalar { IsString: true } s && LooksLikePrompt(s.Value))
                    {
                        if (SystemPromptKeys.Contains(k.Value) || (k.Value == "system" && map.Has("model")))
                        {
                            AddGenericPrompt(s, "system");
                        }
                        else if (UserPromptKeys.Contains(k.Value))
                        {
                            AddGenericPrompt(s, "user");
                        }
                    }
                }
            }
        }

        if (!insideTool && ToolReader.IsToolShape(map))
        {
            if (ToolReader.Read(map) is { } tool)
            {
                _doc.Tools.Add(tool);
                SawLlmContent = true;
            }

            childInsideTool = true;
        }

        ReadParameters(map);
        foreach (var (k, v) in map.Entries)
        {
            if (v is DataScalar scalar)
            {
                if (SafetyFlags.Check(k.Value, scalar.Value) is { } flag)
                {
                    _doc.Findings.Add(new RawFinding(RuleIds.SafetyDisabled, k.Start, scalar.End, flag, k.Value));
                }

                if (ModelKeys.Contains(k.Value) && scalar.IsString && scalar.Value.Length > 0)
                {
                    _doc.Models.Add(new ModelReference(scalar.Value, scalar.Start, scalar.End));
                    SawLlmContent |= ModelNames.IsModelLike(scalar.Value) || k.Value != "model";
                }

                if (scalar.IsString && (scalar.Value.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || scalar.Value.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
                {
                    var nk = SafetyFlags.Normalize(k.Value);
                    if (nk.Contains("baseurl", StringComparison.Ordinal) || nk.Contains("apibase", StringComparison.Ordinal) || nk.Contains("endpoint", StringComparison.Ordinal) || nk.Contains("apiurl", StringComparison.Ordinal))
                    {
                        _doc.Endpoints.Add(new EndpointReference(scalar.Value.Trim(), EndpointRole.Upstream, scalar.Start, scalar.End));
                    }
                    else if (nk.EndsWith("url", StringComparison.Ordinal) || nk.EndsWith("uri", StringComparison.Ordinal))
                    {
                        _doc.Endpoints.Add(new EndpointReference(scalar.Value.Trim(), EndpointRole.Fetched, scalar.Start, scalar.End));
                    }
                }
            }
            else if (k.Value is "llm" or "openai" or "anthropic" or "langchain" or "semantic_kernel" or "azure_openai")
            {
                SawLlmContent = true;
            }

            Walk(v, k.Value, depth + 1, extractChildren, childInsideTool);
        }
    }

    private static bool LooksLikePrompt(string s) =>
        s.Length >= 12 && s.Contains(' ', StringComparison.Ordinal) && !s.StartsWith("file://", StringComparison.OrdinalIgnoreCase) && !s.StartsWith("http", StringComparison.OrdinalIgnoreCase);

    private void AddGenericPrompt(DataScalar s, string? role)
    {
        if (!LooksLikePrompt(s.Value))
        {
            return;
        }

        var unit = new PromptUnit { Id = _doc.Stem };
        unit.Templates.Add(TemplateFactory.FromScalar(s, role, null, wholeMessage: role is not null));
        _doc.Units.Add(unit);
        SawLlmContent = true;
    }

    private static bool IsMessageList(DataSequence seq) =>
        seq.Items.Count > 0 && seq.Items.Any(static i => i is DataMap m && m.Has("role") && (m.Has("content") || m.Has("text")));

    private void ReadMessages(DataSequence messages, string id)
    {
        var unit = new PromptUnit { Id = id };
        foreach (var item in messages.Items)
        {
            if (item is not DataMap m)
            {
                continue;
            }

            var role = m.GetString("role");
            var content = m.Get("content") ?? m.Get("text");
            if (content is DataScalar { IsString: true } s)
            {
                unit.Templates.Add(TemplateFactory.FromScalar(s, role, null, wholeMessage: true));
            }
            else if (content is DataSequence parts)
            {
                foreach (var part in parts.Items)
                {
                    if (part is DataMap pm && pm.Get("text") is DataScalar { IsString: true } ts)
                    {
                        unit.Templates.Add(TemplateFactory.FromScalar(ts, role, null, wholeMessage: parts.Items.Count == 1));
                    }
                }
            }
        }

        if (unit.Templates.Count > 0)
        {
            _doc.Units.Add(unit);
            SawLlmContent = true;
        }
    }

    private void ReadChatTemplate(DataNode node)
    {
        if (node is DataScalar { IsString: true } s)
        {
            var unit = new PromptUnit { Id = _doc.Stem };
            unit.Templates.Add(TemplateFactory.FromScalar(s, null, TemplateSyntax.Jinja, TemplateKind.ChatTemplate));
            _doc.Units.Add(unit);
            SawLlmContent = true;
        }
        else if (node is DataSequence seq)
        {
            foreach (var item in seq.Items)
            {
                if (item is DataMap m && m.Get("template") is DataScalar { IsString: true } t)
                {
                    var unit = new PromptUnit { Id = (m.GetString("name") is { } n ? _doc.Stem + "." + n : _doc.Stem) };
                    unit.Templates.Add(TemplateFactory.FromScalar(t, null, TemplateSyntax.Jinja, TemplateKind.ChatTemplate));
                    _doc.Units.Add(unit);
                    SawLlmContent = true;
                }
            }
        }
    }

    /// <summary>A Semantic Kernel prompt config, or any template config with declared variables.</summary>
    private void ReadPromptConfig(DataMap map)
    {
        var template = (DataScalar)map.Get("template")!;
        var format = map.GetString("template_format");
        var syntax = TemplateScanner.FromFormatName(format) ?? TemplateSyntax.SemanticKernel;
        var unit = new PromptUnit { Id = map.GetString("name") ?? _doc.Stem };
        if (map.GetSequence("input_variables") is { } vars)
        {
            unit.Declared = [];
            foreach (var v in vars.Items)
            {
                switch (v)
                {
                    case DataMap vm when vm.GetScalar("name") is { } name:
                        unit.Declared.Add(new DeclaredVariable(name.Value, name.Start, name.End));
                        if (vm.Get("default") is DataScalar { Kind: not ScalarKind.Null } d)
                        {
                            unit.Samples.Add(new SampleValue(name.Value, d));
                            unit.Defaults.Add(new SampleValue(name.Value, d));
                        }

                        break;
                    case DataScalar vs when vs.Value.Length > 0:
                        unit.Declared.Add(new DeclaredVariable(vs.Value, vs.Start, vs.End));
                        break;
                }
            }
        }

        foreach (var (text, role) in MessageTags.Split(template))
        {
            unit.Templates.Add(new PromptTemplate
            {
                Text = text.Value,
                Origin = text.Origin,
                Role = TemplateFactory.NormalizeRole(role),
                Syntax = syntax,
                WholeMessage = role is not null,
            });
        }

        _doc.Units.Add(unit);
        SawLlmContent = true;
    }

    private void ReadLangChain(DataMap map, string type)
    {
        var unit = new PromptUnit { Id = map.GetString("name") ?? _doc.Stem };
        var declared = new List<DeclaredVariable>();
        var hasDeclarations = false;
        void Declare(DataMap m)
        {
            if (m.GetSequence("input_variables") is { } vars)
            {
                hasDeclarations = true;
                foreach (var v in vars.Items.OfType<DataScalar>())
                {
                    if (!declared.Any(d => d.Name == v.Value))
                    {
                        declared.Add(new DeclaredVariable(v.Value, v.Start, v.End));
                    }
                }
            }

            if (m.GetMap("partial_variables") is { } partials)
            {
                foreach (var (k, _) in partials.Entries)
                {
                    unit.Supplied.Add(k.Value);
                }
            }
        }

        TemplateSyntax SyntaxOf(DataMap m) =>
            TemplateScanner.FromFormatName(m.GetString("template_format") ?? map.GetString("template_format")) ?? TemplateSyntax.FString;

        Declare(map);
        switch (type.ToLowerInvariant())
        {
            case "prompt":
                if (map.Get("template") is DataScalar { IsString: true } t)
                {
                    unit.Templates.Add(TemplateFactory.FromScalar(t, null, SyntaxOf(map)));
                }

                break;
            case "few_shot" or "few_shot_prompt" or "few_shot_chat":
                foreach (var part in new[] { "prefix", "suffix" })
                {
                    if (map.Get(part) is DataScalar { IsString: true } p)
                    {
                        unit.Templates.Add(TemplateFactory.FromScalar(p, null, SyntaxOf(map)));
                    }
                }

                if (map.GetMap("example_prompt") is { } ep && ep.Get("template") is DataScalar { IsString: true } et)
                {
                    // The example prompt is filled from the examples, not from the caller.
                    var exampleUnit = new PromptUnit { Id = unit.Id + ".example" };
                    exampleUnit.Templates.Add(TemplateFactory.FromScalar(et, "assistant", SyntaxOf(ep)));
                    _doc.Units.Add(exampleUnit);
                }

                if (map.GetSequence("examples") is { } examples)
                {
                    foreach (var ex in examples.Items.OfType<DataMap>())
                    {
                        foreach (var (_, v) in ex.Entries)
                        {
                            if (v is DataScalar { IsString: true } s)
                            {
                                var exUnit = new PromptUnit { Id = unit.Id + ".examples" };
                                exUnit.Templates.Add(TemplateFactory.FromScalar(s, "example", TemplateSyntax.Plain));
                                _doc.Units.Add(exUnit);
                            }
                        }
                    }
                }

                break;
            default:
                if (map.GetSequence("messages") is { } messages)
                {
                    foreach (var item in messages.Items.OfType<DataMap>())
                    {
                        var prompt = item.GetMap("prompt") ?? item;
                        Declare(prompt);
                        var role = item.GetString("role") ?? item.GetString("_type") ?? item.GetString("type");
                        var content = prompt.Get("template") ?? item.Get("content");
                        if (content is DataScalar { IsString: true } s)
                        {
                            unit.Templates.Add(TemplateFactory.FromScalar(s, role, SyntaxOf(prompt), wholeMessage: true));
                        }
                    }
                }

                break;
        }

        if (hasDeclarations)
        {
            unit.Declared = declared;
        }

        _doc.Units.Add(unit);
        SawLlmContent = true;
    }

    private void ReadParameters(DataMap map)
    {
        DataScalar? temperature = null;
        DataScalar? anchor = null;
        var hasSampling = false;
        var hasMax = false;
        var json = false;
        foreach (var (k, v) in map.Entries)
        {
            if (MaxTokenKeys.Contains(k.Value))
            {
                hasMax = true;
            }
            else if (SamplingKeys.Contains(k.Value))
            {
                hasSampling = true;
                anchor ??= k;
                if (k.Value == "temperature" && v is DataScalar t)
                {
                    temperature = t;
                }

                if (k.Value is "response_format" or "responseFormat")
                {
                    json |= MentionsJson(v);
                }

                if (k.Value is "response_mime_type" or "responseMimeType" && v is DataScalar mime && mime.Value.Contains("json", StringComparison.OrdinalIgnoreCase))
                {
                    json = true;
                }
            }
            else if (k.Value == "format" && v is DataScalar f && f.Value.Equals("json", StringComparison.OrdinalIgnoreCase))
            {
                json = true;
            }
        }

        if (!hasSampling && !hasMax)
        {
            return;
        }

        SawLlmContent = true;
        anchor ??= map.Entries[0].Key;
        _doc.Parameters.Add(new ModelParameters
        {
            Start = anchor.Start,
            End = anchor.End,
            // Assistant definitions take their token limit per run, not in the definition.
            HasMaxTokens = hasMax || map.Has("instructions"),
            HasSamplingParameters = hasSampling,
            Temperature = temperature?.AsNumber(),
            TemperatureStart = temperature?.Start ?? 0,
            TemperatureEnd = temperature?.End ?? 0,
            JsonOutput = json,
        });
    }

    private static bool MentionsJson(DataNode node) => node switch
    {
        DataScalar s => s.Value.Contains("json", StringComparison.OrdinalIgnoreCase),
        DataMap m => m.Entries.Any(e => e.Key.Value is "type" or "format" && MentionsJson(e.Value)) || m.Has("json_schema"),
        _ => false,
    };
}
