using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Guard;
using LlmSecOps.Server.Gateway.Events;
using LlmSecOps.Server.Gateway.Http;
using LlmSecOps.Server.Gateway.Streaming;
using LlmSecOps.Server.Gateway.Tools;
using LlmSecOps.Server.Gateway.Upstream;
using Microsoft.AspNetCore.Http;

namespace LlmSecOps.Server.Gateway;

/// <summary>
/// <c>POST /v1/chat/completions</c>: authenticate, read and check the body, filter tools, scan every
/// message (redacting before the upstream sees anything), plant the canary, ask OPA, forward,
/// then judge the completion — whole, or streamed through <see cref="StreamRelay"/> — before the
/// client sees it. Every request ends as one event, whatever happens.
/// </summary>
internal sealed class ChatCompletionsHandler(GatewayRuntime runtime)
{
    /// <summary>Message field that marks a message (or content part) as a retrieved document; removed before forwarding.</summary>
    public const string SourceField = "llmsecops_source";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    /// <summary>Handles one request.</summary>
    public Task HandleAsync(HttpContext http, string routeName, string template) =>
        RequestGate.RunAsync(runtime, http, runtime.Begin(http, "chat", routeName, template), HandleCoreAsync);

    private async Task HandleCoreAsync(HttpContext http, Exchange ex)
    {
        if (await RequestGate.ReadJsonRequestAsync(runtime, http, ex).ConfigureAwait(false) is not (JsonObject body, string model, PooledBody raw))
        {
            return;
        }

        using var ownedBody = raw;
        if (body.Prop("messages") is not JsonArray { Count: > 0 } messages || !AllMessagesValid(messages))
        {
            await Fail(http, ex, 400, OpenAiError.InvalidRequest, "invalid_value", "'messages' must be a non-empty array of objects, each with a string 'role'", "messages").ConfigureAwait(false);
            return;
        }

        var streamNode = body.Prop("stream");
        if (streamNode is not null && streamNode.GetValueKind() != JsonValueKind.Null && streamNode.Bool() is null)
        {
            await Fail(http, ex, 400, OpenAiError.InvalidRequest, "invalid_type", "'stream' must be a boolean", "stream").ConfigureAwait(false);
            return;
        }

        ex.Stream = streamNode.Bool() == true;
        if (!runtime.Policy.Models.IsAllowed(model))
        {
            await FailModelNotAllowed(http, ex, model).ConfigureAwait(false);
            return;
        }

        var upstream = runtime.Router.Select(model);
        if (upstream is null)
        {
            await Fail(http, ex, 404, OpenAiError.InvalidRequest, "model_not_found", $"no upstream serves the model '{Truncate(model, 64)}'", "model").ConfigureAwait(false);
            return;
        }

        ex.Upstream = upstream;
        GatewayTelemetry.SetModel(ex.Activity, "chat", ex.Model, upstream);
        var policy = runtime.Policy;
        var guardStarted = runtime.Time.GetTimestamp();
        var modified = false;

        // The prompt schema first: variables that break it are refused before anything is scanned.
        if (runtime.Options.PromptSchema is { } promptSchema && policy.Input.For(FindingCategories.SchemaViolation) is var schemaAction and not PolicyAction.Off)
        {
            var violations = PromptSchemaGate.Check(body, promptSchema, schemaAction, out var promptRemoved);
            modified |= promptRemoved;
            ex.AddFindings(violations);
            if (schemaAction == PolicyAction.Block && violations.Count > 0)
            {
                if (runtime.Retention != Core.Policy.BodyRetention.Drop)
                {
                    ex.RequestBody = Serialize(body);
                }

                GatewayLog.RequestBlocked(runtime.Log, ex.Path, FindingCategories.SchemaViolation);
                await Fail(http, ex, 400, OpenAiError.InvalidRequest, "schema_violation", PromptSchemaGate.ErrorMessage(violations), PromptSchemaGate.Field).ConfigureAwait(false);
                ex.Error = null;
                return;
            }
        }
        else
        {
            modified |= body.Remove(PromptSchemaGate.Field);
        }

        // Tools first: what is not allowed never reaches the upstream, and OPA sees what was removed.
        var tools = runtime.ToolsFor(ex.RouteName);
        var roles = ex.Principal?.Roles ?? [];
        List<string> removed = [];
        List<string> offered = [];
        var stripAction = policy.Input.For(FindingCategories.ToolViolation);
        if (stripAction != PolicyAction.Off)
        {
            (offered, removed) = ToolGate.FilterRequest(body, tools, roles);
            foreach (var name in removed)
            {
                // Removing the tool is the enforcement; the finding flags it (or only logs it under "log").
                var stripped = ToolGate.Stripped(name);
                ex.AddFindings([stripAction == PolicyAction.Log ? stripped with { Action = PolicyAction.Log } : stripped]);
            }

            modified |= removed.Count > 0;
        }
        else
        {
            offered = OfferedNames(body);
        }

        ex.ToolsOffered = offered;
        modified |= await ScanMessagesAsync(messages, ex, http.RequestAborted).ConfigureAwait(false);
        var inputMs = runtime.Ms(guardStarted);
        ex.GuardMs += inputMs;
        GatewayTelemetry.RecordGuard(ex.Activity, "input", ex.Verdict, ex.Findings, guardStarted);

        if (ex.Verdict == Verdict.Block)
        {
            // The event keeps the request as redacted; it never went upstream.
            if (runtime.Retention != Core.Policy.BodyRetention.Drop)
            {
                ex.RequestBody = modified ? Serialize(body) : Encoding.UTF8.GetString(raw.Span);
            }

            var categories = string.Join(", ", ex.BlockingCategories());
            GatewayLog.RequestBlocked(runtime.Log, ex.Path, categories);
            await Fail(http, ex, 400, OpenAiError.InvalidRequest, "content_filter", $"The request was refused by the content policy ({categories}).").ConfigureAwait(false);
            ex.Error = null;
            return;
        }

        if (runtime.Opa is { } opa)
        {
            var decision = await opa.DecideAsync(ex, removed, http.RequestAborted).ConfigureAwait(false);
            ex.OpaDecision = decision.Summary;
            if (decision.Error is { } opaError)
            {
                GatewayLog.OpaFailed(runtime.Log, opaError);
            }

            if (!decision.Allowed)
            {
                if (runtime.Retention != Core.Policy.BodyRetention.Drop)
                {
                    ex.RequestBody = modified ? Serialize(body) : Encoding.UTF8.GetString(raw.Span);
                }

                if (decision.Error is not null)
                {
                    await Fail(http, ex, 503, OpenAiError.ServerError, "policy_unavailable", "the policy service could not be asked and the gateway fails closed").ConfigureAwait(false);
                }
                else
                {
                    GatewayLog.OpaDenied(runtime.Log, ex.Path);
                    await Fail(http, ex, 403, OpenAiError.Permission, "policy_denied", "Denied by policy: " + string.Join("; ", decision.Reasons)).ConfigureAwait(false);
                    ex.Error = null;
                }

                return;
            }
        }

        var restorer = runtime.Options.RestorePlaceholders && ex.Vault.Count > 0 ? new PlaceholderRestorer(ex.Vault.Entries) : null;
        string[] canaries = [];
        if (runtime.Options.CanaryEnabled)
        {
            // Planted when the body is written below: into the tree if anything else changed, else into the bytes.
            ex.Canary = CanaryToken.Create();
            canaries = [ex.Canary];
        }

        var clientLogprobs = body.Prop("logprobs").Bool() == true;
        var clientTop = (int?)body.Prop("top_logprobs").Int();
        var injected = false;
        var lp = policy.Logprobs;
        if (lp.Request)
        {
            if (!clientLogprobs)
            {
                body["logprobs"] = true;
                injected = true;
            }

            if (lp.TopK > 0 && (clientTop ?? 0) < lp.TopK)
            {
                body["top_logprobs"] = lp.TopK;
                injected = true;
            }

            modified |= injected;
        }

        var clientUsage = body.Prop("stream_options").Prop("include_usage").Bool() == true;
        if (ex.Stream && !clientUsage)
        {
            // Usage belongs in the event; the extra chunk is not passed on.
            var so = body.Prop("stream_options") as JsonObject;
            if (so is null)
            {
                so = new JsonObject();
                body["stream_options"] = so;
            }

            so["include_usage"] = true;
            modified = true;
        }

        var chat = new ChatContext
        {
            Runtime = runtime,
            Http = http,
            Exchange = ex,
            Tools = tools,
            Offered = [.. offered],
            ClientWantsLogprobs = clientLogprobs,
            ClientTopLogprobs = clientLogprobs ? clientTop ?? 0 : null,
            LogprobsInjected = injected,
            ClientWantsUsage = clientUsage,
            Restorer = restorer is { IsEmpty: false } ? restorer : null,
            Canaries = canaries,
        };

        // An unchanged request goes upstream byte for byte; one that only gains the canary gets it
        // spliced into its bytes; only a request the guard changed is written out from the tree.
        using var serialized = modified || ex.Canary is not null ? new PooledBufferWriter(raw.Length + 512) : null;
        if (serialized is not null && (modified || !CanaryToken.TryPlant(raw.Span, ex.Canary!, serialized)))
        {
            if (ex.Canary is { } canary)
            {
                CanaryToken.Plant(messages, canary);
            }

            WriteTo(body, serialized);
        }

        var forward = serialized?.WrittenMemory ?? raw.Memory;

        // The event keeps what the upstream was sent: redacted, tools filtered, canary planted.
        if (runtime.Retention != Core.Policy.BodyRetention.Drop)
        {
            ex.RequestBody = Encoding.UTF8.GetString(forward.Span);
        }

        var upstreamStarted = runtime.Time.GetTimestamp();
        using var call = await runtime.Upstreams.SendAsync(upstream, HttpMethod.Post, "chat/completions", forward, null, http.RequestAborted).ConfigureAwait(false);
        ex.UpstreamAttempts = call.Attempts;
        if (await UpstreamErrors.HandleAsync(runtime, http, ex, call, upstreamStarted).ConfigureAwait(false))
        {
            return;
        }

        var response = call.Response!;
        if (ex.Stream)
        {
            if (response.Content.Headers.ContentType?.MediaType is not "text/event-stream")
            {
                ex.UpstreamMs = runtime.Ms(upstreamStarted);
                await Fail(http, ex, 502, OpenAiError.ServerError, "upstream_invalid_response", "the upstream answered a streaming request without an event stream").ConfigureAwait(false);
                return;
            }

            await new StreamRelay(chat, call, upstreamStarted).RunAsync().ConfigureAwait(false);
        }
        else
        {
            await RespondJsonAsync(chat, call, upstreamStarted).ConfigureAwait(false);
        }
    }

    private async Task<bool> ScanMessagesAsync(JsonArray messages, Exchange ex, CancellationToken ct)
    {
        var modified = false;
        string? system = null;
        for (var i = 0; i < messages.Count; i++)
        {
            var m = (JsonObject)messages[i]!;
            var role = m.Prop("role").Str();
            var retrieved = role is "tool" or "function" || IsRetrieved(m);
            modified |= m.Remove(SourceField);
            var isSystem = role is "system" or "developer";
            var direction = retrieved ? Direction.RetrievedDocument : Direction.Input;
            switch (m.Prop("content"))
            {
                case JsonValue v when v.Str() is { } raw:
                    var text = JsonText.Clean(raw);
                    if (!ReferenceEquals(text, raw))
                    {
                        m["content"] = text;
                        modified = true;
                    }

                    var r = await ScanAsync(text, direction, role, i, ex, ct).ConfigureAwait(false);
                    if (isSystem)
                    {
                        // The prompt as sent; a remembered clean one comes back as the same instance every time.
                        system = JoinSystem(system, r.Redacted ? text : r.Text);
                    }

                    if (r.Redacted)
                    {
                        m["content"] = JsonText.Clean(r.Text);
                        modified = true;
                    }

                    break;
                case JsonArray parts:
                    foreach (var partNode in parts)
                    {
                        if (partNode is not JsonObject part)
                        {
                            continue;
                        }

                        var partRetrieved = retrieved || IsRetrieved(part);
                        modified |= part.Remove(SourceField);
                        if (part.Prop("text").Str() is not { } rawPart)
                        {
                            continue;
                        }

                        var partText = JsonText.Clean(rawPart);
                        if (!ReferenceEquals(partText, rawPart))
                        {
                            part["text"] = partText;
                            modified = true;
                        }

                        var pr = await ScanAsync(partText, partRetrieved ? Direction.RetrievedDocument : Direction.Input, role, i, ex, ct).ConfigureAwait(false);
                        if (isSystem)
                        {
                            system = JoinSystem(system, pr.Redacted ? partText : pr.Text);
                        }

                        if (pr.Redacted)
                        {
                            part["text"] = JsonText.Clean(pr.Text);
                            modified = true;
                        }
                    }

                    break;
            }
        }

        ex.SystemPrompt = system;
        return modified;
    }

    /// <summary>System texts joined by line breaks; one text stays the very same instance.</summary>
    private static string JoinSystem(string? joined, string text) =>
        string.IsNullOrEmpty(joined) ? text : string.Concat(joined, "\n", text);

    private async ValueTask<GuardResult> ScanAsync(string text, Direction direction, string? role, int index, Exchange ex, CancellationToken ct)
    {
        var result = await runtime.Prompts.ScanAsync(
            new ScanRequest
            {
                Direction = direction,
                Text = text,
                Role = role,
                Principal = ex.Principal,
                MessageIndex = index,
                Vault = ex.Vault,
            },
            ct).ConfigureAwait(false);
        ex.AddFindings(result.Findings);
        return result;
    }

    private static async Task RespondJsonAsync(ChatContext c, UpstreamCall call, long upstreamStarted)
    {
        var runtime = c.Runtime;
        var ex = c.Exchange;
        var http = c.Http;
        using var raw = new PooledBody(16 * 1024);
        try
        {
            await using var stream = await call.Response!.Content.ReadAsStreamAsync(call.Token).ConfigureAwait(false);
            if (!await raw.ReadFromAsync(stream, runtime.Options.MaxResponseBytes, call.Token, call.Touch).ConfigureAwait(false))
            {
                ex.UpstreamMs = runtime.Ms(upstreamStarted);
                await Fail(http, ex, 502, OpenAiError.ServerError, "upstream_response_too_large", $"the upstream response is larger than {runtime.Options.MaxResponseBytes} bytes").ConfigureAwait(false);
                return;
            }
        }
        catch (OperationCanceledException) when (call.Token.IsCancellationRequested)
        {
            ex.UpstreamMs = runtime.Ms(upstreamStarted);
            if (call.ClassifyCancellation() == UpstreamFailure.ClientAborted)
            {
                throw;
            }

            await Fail(http, ex, 504, OpenAiError.ServerError, "upstream_timeout", "the upstream did not finish its answer in time").ConfigureAwait(false);
            return;
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            ex.UpstreamMs = runtime.Ms(upstreamStarted);
            GatewayLog.UpstreamFailed(runtime.Log, ex.Upstream!.Name, "connection lost while reading the answer");
            await Fail(http, ex, 502, OpenAiError.ServerError, "upstream_error", "the upstream connection was lost while reading its answer").ConfigureAwait(false);
            return;
        }

        ex.UpstreamMs = runtime.Ms(upstreamStarted);
        if (PlainCompletion.Possible(c) && JsonBody.TryParseDocument(raw.Memory) is { } plain)
        {
            using (plain)
            {
                if (PlainCompletion.Applies(plain.RootElement))
                {
                    await RespondPlainAsync(c, call, raw, plain.RootElement).ConfigureAwait(false);
                    return;
                }
            }
        }

        var doc = JsonBody.ParseObject(raw.Span, out var parseError);
        if (doc is null)
        {
            await Fail(http, ex, 502, OpenAiError.ServerError, "upstream_invalid_response", "the upstream sent an unreadable answer: " + parseError).ConfigureAwait(false);
            return;
        }

        ReadMeta(doc, ex);
        var guardStarted = runtime.Time.GetTimestamp();
        var before = ex.Findings.Count;
        var modified = false;
        var choices = doc.Prop("choices") as JsonArray;
        if (choices is not null)
        {
            for (var i = 0; i < choices.Count; i++)
            {
                if (choices[i] is not JsonObject choice)
                {
                    continue;
                }

                var index = (int)(choice.Prop("index").Int() ?? i);
                if (choice.Prop("finish_reason").Str() is { } fr)
                {
                    (ex.FinishReasons ??= []).Add(JsonText.Clean(Truncate(fr, 32)));
                }

                if (choice.Prop("logprobs").Prop("content") is JsonArray lpContent)
                {
                    (ex.Logprobs ??= new LogprobsCollector()).AddContent(lpContent);
                }

                if (choice.Prop("message") is JsonObject message)
                {
                    modified |= await OutputGuard.ScanMessageAsync(c, message, index).ConfigureAwait(false);
                }
            }
        }

        OutputGuard.CheckEntropy(c);
        ex.GuardMs += runtime.Ms(guardStarted);
        var outputFindings = ex.Findings.GetRange(before, ex.Findings.Count - before);
        GatewayTelemetry.RecordGuard(ex.Activity, "output", OutputGuard.VerdictOf(outputFindings), outputFindings, guardStarted);
        if (runtime.Retention != Core.Policy.BodyRetention.Drop)
        {
            ex.ResponseBody = modified ? Serialize(doc) : Encoding.UTF8.GetString(raw.Span);
        }

        if (await RefuseBlockedAsync(c).ConfigureAwait(false))
        {
            return;
        }

        if (choices is not null)
        {
            foreach (var node in choices)
            {
                if (node is not JsonObject choice)
                {
                    continue;
                }

                if (c.Restorer is { } restorer && choice.Prop("message") is JsonObject message)
                {
                    modified |= OutputGuard.Restore(message, restorer);
                }

                modified |= OutputGuard.AdjustLogprobs(c, choice);
            }
        }

        await WriteCompletionAsync(c, call, modified ? SerializeUtf8(doc) : raw.Memory).ConfigureAwait(false);
    }

    /// <summary>The answer of <see cref="PlainCompletion"/>: the same steps as the tree path, over the read-only document.</summary>
    private static async Task RespondPlainAsync(ChatContext c, UpstreamCall call, PooledBody raw, JsonElement root)
    {
        var runtime = c.Runtime;
        var ex = c.Exchange;
        PlainCompletion.ReadMeta(root, ex);
        var guardStarted = runtime.Time.GetTimestamp();
        var before = ex.Findings.Count;
        var changed = await PlainCompletion.ScanAsync(c, root, raw.Memory).ConfigureAwait(false);
        OutputGuard.CheckEntropy(c);
        ex.GuardMs += runtime.Ms(guardStarted);
        var outputFindings = ex.Findings.GetRange(before, ex.Findings.Count - before);
        GatewayTelemetry.RecordGuard(ex.Activity, "output", OutputGuard.VerdictOf(outputFindings), outputFindings, guardStarted);
        if (runtime.Retention != Core.Policy.BodyRetention.Drop)
        {
            ex.ResponseBody = changed is not null ? Serialize(changed) : Encoding.UTF8.GetString(raw.Span);
        }

        if (await RefuseBlockedAsync(c).ConfigureAwait(false))
        {
            return;
        }

        await WriteCompletionAsync(c, call, changed is not null ? SerializeUtf8(changed) : raw.Memory).ConfigureAwait(false);
    }

    /// <summary>Answers 400 when the completion is to be withheld; true when it was.</summary>
    private static async Task<bool> RefuseBlockedAsync(ChatContext c)
    {
        var ex = c.Exchange;
        if (ex.Verdict != Verdict.Block)
        {
            return false;
        }

        var categories = string.Join(", ", ex.BlockingCategories());
        GatewayLog.CompletionBlocked(c.Runtime.Log, ex.Path, categories);
        await Fail(c.Http, ex, 400, OpenAiError.InvalidRequest, "content_filter", $"The completion was withheld by the content policy ({categories}).").ConfigureAwait(false);
        ex.Error = null;
        return true;
    }

    private static async Task WriteCompletionAsync(ChatContext c, UpstreamCall call, ReadOnlyMemory<byte> body)
    {
        var http = c.Http;
        http.Response.StatusCode = 200;
        http.Response.ContentType = "application/json";
        UpstreamErrors.CopyHeaders(call.Response!, http.Response);
        c.Exchange.Status = 200;
        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body, http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Reads id, model and usage from a completion or chunk.</summary>
    internal static void ReadMeta(JsonObject doc, Exchange ex)
    {
        if (doc.Prop("id").Str() is { } id)
        {
            ex.ResponseId = JsonText.Clean(Truncate(id, 128));
        }

        if (doc.Prop("model").Str() is { } m)
        {
            ex.ResponseModel = JsonText.Clean(Truncate(m, 128));
        }

        if (doc.Prop("usage") is JsonObject usage && usage.Prop("prompt_tokens").Int() is { } pt)
        {
            ex.Usage = new Core.Events.TokenUsage((int)Math.Clamp(pt, 0, int.MaxValue), (int)Math.Clamp(usage.Prop("completion_tokens").Int() ?? 0, 0, int.MaxValue));
        }
    }

    /// <summary>Writes an error and records it on the exchange.</summary>
    /// <summary>403 for a model outside the policy's <c>models.allow</c>; it is recorded, and nothing goes upstream.</summary>
    internal static Task FailModelNotAllowed(HttpContext http, Exchange ex, string model) =>
        Fail(http, ex, 403, OpenAiError.Permission, "model_not_allowed", $"the model '{JsonText.Clean(Truncate(model, 64))}' is not allowed by the policy", "model");

    internal static Task Fail(HttpContext http, Exchange ex, int status, string type, string code, string message, string? param = null)
    {
        ex.Status = status;
        ex.Error = message;
        ex.ErrorType = code;
        return OpenAiError.WriteAsync(http, status, type, code, message, param);
    }

    private static bool AllMessagesValid(JsonArray messages)
    {
        foreach (var m in messages)
        {
            if (m is not JsonObject o || o.Prop("role").Str() is null)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsRetrieved(JsonObject node) =>
        node.Prop(SourceField).Str() is "retrieved" or "retrieved_document" or "document" or "tool";

    private static List<string> OfferedNames(JsonObject body)
    {
        var names = new List<string>();
        if (body.Prop("tools") is JsonArray tools)
        {
            foreach (var t in tools)
            {
                if (ToolGate.FunctionName(t) is { } n)
                {
                    names.Add(n);
                }
            }
        }

        if (body.Prop("functions") is JsonArray functions)
        {
            foreach (var f in functions)
            {
                if (f.Prop("name").Str() is { } n)
                {
                    names.Add(n);
                }
            }
        }

        return names;
    }

    internal static string Serialize(JsonNode node)
    {
        using var buffer = new PooledBufferWriter();
        WriteTo(node, buffer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    internal static byte[] SerializeUtf8(JsonNode node)
    {
        using var buffer = new PooledBufferWriter();
        WriteTo(node, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    internal static void WriteTo(JsonNode node, System.Buffers.IBufferWriter<byte> output)
    {
        using var w = new Utf8JsonWriter(output, WriterOptions);
        node.WriteTo(w);
    }

    internal static string Truncate(string s, int max) => s.Length <= max ? s : s[..max] + "…";

    internal static string Invariant(double d) => d.ToString("0.###", CultureInfo.InvariantCulture);

    internal static bool IsSuccess(HttpStatusCode code) => (int)code is >= 200 and < 300;
}
