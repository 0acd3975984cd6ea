using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Guard;
using LlmSecOps.Server.Gateway.Events;
using LlmSecOps.Server.Gateway.Http;
using Microsoft.AspNetCore.Http;

namespace LlmSecOps.Server.Gateway;

/// <summary>
/// <c>POST /v1/embeddings</c>: every string input is scanned like a prompt (and redacted before
/// the upstream sees it); the vectors come back untouched. Events keep the request, not the vectors.
/// </summary>
internal sealed class EmbeddingsHandler(GatewayRuntime runtime)
{
    /// <summary>Handles one request.</summary>
    public Task HandleAsync(HttpContext http, string routeName, string template) =>
        RequestGate.RunAsync(runtime, http, runtime.Begin(http, "embeddings", routeName, template), HandleCoreAsync);

    private async Task HandleCoreAsync(HttpContext http, Exchange ex)
    {
        if (await RequestGate.ReadJsonRequestAsync(runtime, http, ex).ConfigureAwait(false) is not (JsonObject body, string model, PooledBody raw))
        {
            return;
        }

        using var ownedBody = raw;
        var input = body.Prop("input");
        if (input is null or JsonObject)
        {
            await ChatCompletionsHandler.Fail(http, ex, 400, OpenAiError.InvalidRequest, "invalid_value", "'input' must be a string or an array of strings or token arrays", "input").ConfigureAwait(false);
            return;
        }

        if (!runtime.Policy.Models.IsAllowed(model))
        {
            await ChatCompletionsHandler.FailModelNotAllowed(http, ex, model).ConfigureAwait(false);
            return;
        }

        var upstream = runtime.Router.Select(model);
        if (upstream is null)
        {
            await ChatCompletionsHandler.Fail(http, ex, 404, OpenAiError.InvalidRequest, "model_not_found", $"no upstream serves the model '{ChatCompletionsHandler.Truncate(model, 64)}'", "model").ConfigureAwait(false);
            return;
        }

        ex.Upstream = upstream;
        GatewayTelemetry.SetModel(ex.Activity, "embeddings", ex.Model, upstream);
        var guardStarted = runtime.Time.GetTimestamp();
        var modified = false;
        if (input.Str() is { } rawSingle)
        {
            var single = JsonText.Clean(rawSingle);
            modified |= !ReferenceEquals(single, rawSingle);
            var r = await ScanAsync(single, 0, ex, http.RequestAborted).ConfigureAwait(false);
            if (r.Redacted || modified)
            {
                body["input"] = JsonText.Clean(r.Text);
                modified = true;
            }
        }
        else if (input is JsonArray items)
        {
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i].Str() is { } rawText)
                {
                    var text = JsonText.Clean(rawText);
                    var cleaned = !ReferenceEquals(text, rawText);
                    var r = await ScanAsync(text, i, ex, http.RequestAborted).ConfigureAwait(false);
                    if (r.Redacted || cleaned)
                    {
                        items[i] = JsonText.Clean(r.Text);
                        modified = true;
                    }
                }
            }
        }

        ex.GuardMs += runtime.Ms(guardStarted);
        GatewayTelemetry.RecordGuard(ex.Activity, "input", ex.Verdict, ex.Findings, guardStarted);
        if (runtime.Retention != Core.Policy.BodyRetention.Drop)
        {
            ex.RequestBody = modified ? ChatCompletionsHandler.Serialize(body) : Encoding.UTF8.GetString(raw.Span);
        }

        if (ex.Verdict == Verdict.Block)
        {
            var categories = string.Join(", ", ex.BlockingCategories());
            GatewayLog.RequestBlocked(runtime.Log, ex.Path, categories);
            await ChatCompletionsHandler.Fail(http, ex, 400, OpenAiError.InvalidRequest, "content_filter", $"The request was refused by the content policy ({categories}).").ConfigureAwait(false);
            ex.Error = null;
            return;
        }

        if (runtime.Opa is { } opa)
        {
            var decision = await opa.DecideAsync(ex, null, http.RequestAborted).ConfigureAwait(false);
            ex.OpaDecision = decision.Summary;
            if (!decision.Allowed)
            {
                if (decision.Error is not null)
                {
                    await ChatCompletionsHandler.Fail(http, ex, 503, OpenAiError.ServerError, "policy_unavailable", "the policy service could not be asked and the gateway fails closed").ConfigureAwait(false);
                }
                else
                {
                    await ChatCompletionsHandler.Fail(http, ex, 403, OpenAiError.Permission, "policy_denied", "Denied by policy: " + string.Join("; ", decision.Reasons)).ConfigureAwait(false);
                    ex.Error = null;
                }

                return;
            }
        }

        ReadOnlyMemory<byte> forward = modified ? ChatCompletionsHandler.SerializeUtf8(body) : raw.Memory;
        var upstreamStarted = runtime.Time.GetTimestamp();
        using var call = await runtime.Upstreams.SendAsync(upstream, HttpMethod.Post, "embeddings", forward, null, http.RequestAborted).ConfigureAwait(false);
        ex.UpstreamAttempts = call.Attempts;
        if (await UpstreamErrors.HandleAsync(runtime, http, ex, call, upstreamStarted).ConfigureAwait(false))
        {
            return;
        }

        using var answer = new PooledBody(64 * 1024);
        try
        {
            await using var stream = await call.Response!.Content.ReadAsStreamAsync(call.Token).ConfigureAwait(false);
            if (!await answer.ReadFromAsync(stream, runtime.Options.MaxResponseBytes, call.Token, call.Touch).ConfigureAwait(false))
            {
                ex.UpstreamMs = runtime.Ms(upstreamStarted);
                await ChatCompletionsHandler.Fail(http, ex, 502, OpenAiError.ServerError, "upstream_response_too_large", $"the upstream response is larger than {runtime.Options.MaxResponseBytes} bytes").ConfigureAwait(false);
                return;
            }
        }
        catch (OperationCanceledException) when (call.Token.IsCancellationRequested && !http.RequestAborted.IsCancellationRequested)
        {
            ex.UpstreamMs = runtime.Ms(upstreamStarted);
            await ChatCompletionsHandler.Fail(http, ex, 504, OpenAiError.ServerError, "upstream_timeout", "the upstream did not finish its answer in time").ConfigureAwait(false);
            return;
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            ex.UpstreamMs = runtime.Ms(upstreamStarted);
            await ChatCompletionsHandler.Fail(http, ex, 502, OpenAiError.ServerError, "upstream_error", "the upstream connection was lost while reading its answer").ConfigureAwait(false);
            return;
        }

        ex.UpstreamMs = runtime.Ms(upstreamStarted);
        if (!ReadUsage(answer.Span, ex))
        {
            await ChatCompletionsHandler.Fail(http, ex, 502, OpenAiError.ServerError, "upstream_invalid_response", "the upstream sent an unreadable answer").ConfigureAwait(false);
            return;
        }

        http.Response.StatusCode = 200;
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = answer.Length;
        UpstreamErrors.CopyHeaders(call.Response!, http.Response);
        ex.Status = 200;
        await http.Response.Body.WriteAsync(answer.Memory, http.RequestAborted).ConfigureAwait(false);
    }

    private async ValueTask<GuardResult> ScanAsync(string text, int index, Exchange ex, CancellationToken ct)
    {
        var result = await runtime.Engine.ScanAsync(
            new ScanRequest { Direction = Direction.Input, Text = text, Role = "user", Principal = ex.Principal, MessageIndex = index, Vault = ex.Vault },
            ct).ConfigureAwait(false);
        ex.AddFindings(result.Findings);
        return result;
    }

    /// <summary>
    /// Checks the answer is one JSON object and finds its top-level <c>model</c> and
    /// <c>usage.prompt_tokens</c>, without building a tree of the vectors.
    /// </summary>
    private static bool ReadUsage(ReadOnlySpan<byte> utf8, Exchange ex)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 64 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("model"u8) && reader.Read() && reader.TokenType == JsonTokenType.String)
                {
                    ex.ResponseModel = ChatCompletionsHandler.Truncate(reader.GetString()!, 128);
                }
                else if (reader.ValueTextEquals("usage"u8) && reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    var prompt = 0;
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        if (reader.ValueTextEquals("prompt_tokens"u8) && reader.Read() && reader.TryGetInt32(out var p))
                        {
                            prompt = p;
                        }
                        else
                        {
                            reader.Read();
                            reader.Skip();
                        }
                    }

                    ex.Usage = new Core.Events.TokenUsage(prompt, 0);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            return reader.TokenType == JsonTokenType.EndObject && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
