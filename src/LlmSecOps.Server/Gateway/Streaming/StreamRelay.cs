using System.Text.Json;
using System.Text.Json.Nodes;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Server.Gateway.Http;
using LlmSecOps.Server.Gateway.Upstream;

namespace LlmSecOps.Server.Gateway.Streaming;

/// <summary>
/// Relays a streamed completion while guarding it. Text is held back in a sliding window: each
/// time <c>scan_step_chars</c> new characters have arrived, the new tail plus an overlap of one
/// window is rescanned (so a secret or canary no longer than the window is seen whole before any
/// of it is released), the system-prompt leak tracker is fed the new words, and only text at
/// least one window behind the scanned end is sent. Tool calls are held until they are complete
/// and checked. At the end the whole text is scanned once more with the system prompt. A block
/// cuts the stream with an error event and <c>[DONE]</c>; before anything was sent it is a plain
/// 400. Scanning costs O(n · (1 + window/step)) for n characters: linear in the length.
/// </summary>
internal sealed class StreamRelay(ChatContext c, UpstreamCall call, long upstreamStarted)
{
    private readonly List<ChoiceState> _choices = [];
    private readonly int _window = c.Runtime.Options.Streaming.WindowChars;
    private readonly int _step = c.Runtime.Options.Streaming.ScanStepChars;
    private readonly long _maxChars = c.Runtime.Options.MaxResponseBytes;
    private readonly ChoiceWriteState _writeState = new();
    private JsonObject? _template;
    private JsonNode? _usage;
    private List<byte[]>? _passThrough;
    private ChunkWriter? _writer;
    private double _guardMs;

    private Events.Exchange Ex => c.Exchange;

    /// <summary>Runs the relay to the end of the upstream stream, a block or a failure.</summary>
    public async Task RunAsync()
    {
        try
        {
            await RunCoreAsync().ConfigureAwait(false);
        }
        finally
        {
            Ex.GuardMs += _guardMs;
            _writer?.Dispose();
        }
    }

    private async Task RunCoreAsync()
    {
        var done = false;
        try
        {
            await using var stream = await call.Response!.Content.ReadAsStreamAsync(call.Token).ConfigureAwait(false);
            await using var reader = new SseReader(stream);
            while (await reader.ReadAsync(call.Token).ConfigureAwait(false))
            {
                call.Touch();
                if (reader.IsDone)
                {
                    done = true;
                    break;
                }

                var chunk = JsonBody.ParseObject(reader.Data, out var error);
                if (chunk is null)
                {
                    await FailAsync(502, "upstream_invalid_response", $"The upstream sent an unreadable stream event near line {reader.Line} ({error}).").ConfigureAwait(false);
                    return;
                }

                if (chunk.Prop("error") is JsonObject)
                {
                    await FailAsync(502, "upstream_error", "The upstream reported an error in the middle of the stream.").ConfigureAwait(false);
                    return;
                }

                if (!await OnChunkAsync(chunk, reader.DataMemory).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (call.Token.IsCancellationRequested)
        {
            Ex.UpstreamMs = c.Runtime.Ms(upstreamStarted);
            if (call.ClassifyCancellation() == UpstreamFailure.ClientAborted)
            {
                throw;
            }

            GatewayLog.UpstreamFailed(c.Runtime.Log, Ex.Upstream!.Name, "stream stalled or exceeded the total timeout");
            await FailAsync(504, "upstream_timeout", "The upstream stopped sending within the timeout.").ConfigureAwait(false);
            return;
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            Ex.UpstreamMs = c.Runtime.Ms(upstreamStarted);
            if (c.Http.RequestAborted.IsCancellationRequested)
            {
                throw new OperationCanceledException(c.Http.RequestAborted);
            }

            GatewayLog.UpstreamFailed(c.Runtime.Log, Ex.Upstream!.Name, "connection lost mid-stream");
            await FailAsync(502, "upstream_error", "The upstream connection was lost in the middle of the stream.").ConfigureAwait(false);
            return;
        }
        catch (SseFormatException e)
        {
            Ex.UpstreamMs = c.Runtime.Ms(upstreamStarted);
            await FailAsync(502, "upstream_invalid_response", "The upstream broke the event-stream format: " + e.Message).ConfigureAwait(false);
            return;
        }

        Ex.UpstreamMs = c.Runtime.Ms(upstreamStarted);
        if (!done && (_choices.Count == 0 || _choices.Exists(static s => s.FinishReason is null)))
        {
            GatewayLog.UpstreamFailed(c.Runtime.Log, Ex.Upstream!.Name, "stream ended early");
            await FailAsync(502, "upstream_error", "The upstream stream ended before the completion was finished.").ConfigureAwait(false);
            return;
        }

        await FinishAsync().ConfigureAwait(false);
    }

    private async ValueTask<bool> OnChunkAsync(JsonObject chunk, ReadOnlyMemory<byte> raw)
    {
        ChatCompletionsHandler.ReadMeta(chunk, Ex);
        if (chunk.Prop("usage") is JsonObject usage)
        {
            _usage = usage;
        }

        if (chunk.Prop("choices") is not JsonArray { Count: > 0 } choices)
        {
            if (chunk.Prop("usage") is not JsonObject)
            {
                // Chunks without choices (provider annotations) pass on untouched, in order.
                (_passThrough ??= []).Add(raw.ToArray());
            }

            return true;
        }

        _template = chunk;
        JsonObject? unknown = null;
        ChoiceState? unknownOwner = null;
        for (var i = 0; i < choices.Count; i++)
        {
            if (choices[i] is not JsonObject choice)
            {
                continue;
            }

            var st = State((int)(choice.Prop("index").Int() ?? i));
            if (choice.Prop("delta") is JsonObject delta)
            {
                foreach (var (key, value) in delta)
                {
                    switch (key)
                    {
                        case "role":
                            st.Role ??= value.Str() is { } role ? JsonText.Clean(ChatCompletionsHandler.Truncate(role, 32)) : null;
                            break;
                        case "content":
                            if (value.Str() is { } text)
                            {
                                st.Text.Append(JsonText.Clean(text));
                            }

                            break;
                        case "refusal":
                            if (value.Str() is { } refusal)
                            {
                                (st.Refusal ??= new()).Append(JsonText.Clean(refusal));
                            }

                            break;
                        case "tool_calls":
                            AddToolCallDeltas(st, value as JsonArray);
                            break;
                        case "function_call":
                            AddFunctionCallDelta(st, value as JsonObject);
                            break;
                        default:
                            if (value is not null)
                            {
                                (unknown ??= [])[key] = value.DeepClone();
                                unknownOwner = st;
                            }

                            break;
                    }
                }
            }

            if (choice.Prop("logprobs").Prop("content") is JsonArray entries)
            {
                (Ex.Logprobs ??= new LogprobsCollector()).AddContent(entries);
                if (c.ClientWantsLogprobs)
                {
                    (st.PendingLogprobs ??= []).Add((st.Text.Length, entries));
                }
            }

            if (choice.Prop("finish_reason").Str() is { } finish)
            {
                st.FinishReason = JsonText.Clean(ChatCompletionsHandler.Truncate(finish, 32));
            }

            if (st.Text.Length + (st.Refusal?.Length ?? 0) > _maxChars)
            {
                await FailAsync(502, "upstream_response_too_large", $"The streamed completion is longer than {_maxChars} characters.").ConfigureAwait(false);
                return false;
            }
        }

        if (unknown is not null && unknownOwner is not null)
        {
            // Fields this gateway does not know are passed on as they come (they are not text it scans).
            await StartAsync().ConfigureAwait(false);
            _writeState.Set(unknownOwner.Index, delta: unknown);
            _writer!.Chunk(_template, c.ClientWantsUsage, _writeState, WriteChoice);
        }

        foreach (var st in _choices)
        {
            if (st.Text.Length - st.Scanned >= _step && !await ScanTailAsync(st).ConfigureAwait(false))
            {
                return false;
            }

            Release(st, final: false);
        }

        if (_writer is not null)
        {
            await _writer.FlushAsync(c.Http.RequestAborted).ConfigureAwait(false);
        }

        return true;
    }

    private async ValueTask<bool> ScanTailAsync(ChoiceState st)
    {
        var started = c.Runtime.Time.GetTimestamp();
        var tailStart = Math.Max(0, st.Scanned - _window);
        if (tailStart > 0 && char.IsLowSurrogate(st.Text[tailStart]))
        {
            tailStart--;
        }

        var tail = st.Text.ToString(tailStart, st.Text.Length - tailStart);
        var before = Ex.Findings.Count;
        var result = await OutputGuard.ScanTextAsync(c, tail, st.Index, withSystemPrompt: false, findingOffset: tailStart).ConfigureAwait(false);
        FeedLeakTracker(st, tail.AsSpan(Math.Max(0, st.LeakFed - tailStart)), complete: false);
        st.LeakFed = st.Text.Length;
        _guardMs += c.Runtime.Ms(started);
        if (OutputGuard.VerdictOf(Ex.Findings.GetRange(before, Ex.Findings.Count - before)) == Verdict.Block)
        {
            await BlockAsync().ConfigureAwait(false);
            return false;
        }

        if (result.Redacted && !ApplyRedaction(st, tailStart, result.Text, before))
        {
            await BlockAsync().ConfigureAwait(false);
            return false;
        }

        st.Scanned = st.Text.Length;
        return true;
    }

    /// <summary>
    /// Replaces the text from <paramref name="from"/> with its redacted form, when every redacted
    /// span is still held back. A span already released cannot be taken back: the finding then
    /// becomes a block.
    /// </summary>
    private bool ApplyRedaction(ChoiceState st, int from, string redacted, int findingsBefore)
    {
        for (var i = findingsBefore; i < Ex.Findings.Count; i++)
        {
            var f = Ex.Findings[i];
            if (f.Action == PolicyAction.Redact && f.Span is { } span && span.Start < st.Released)
            {
                Ex.Findings[i] = f with { Action = PolicyAction.Block, Message = (f.Message ?? f.Rule) + " (already partly sent; stream cut)" };
                return false;
            }
        }

        st.Text.Length = from;
        st.Text.Append(redacted);
        return true;
    }

    private void FeedLeakTracker(ChoiceState st, ReadOnlySpan<char> fresh, bool complete)
    {
        if (!st.LeakChecked)
        {
            st.LeakChecked = true;
            st.Leak = PromptLeakTracker.Create(Ex.SystemPrompt, c.Runtime.Policy.SystemPromptLeakThreshold);
        }

        if (st.Leak is null || st.LeakReported)
        {
            return;
        }

        var action = c.Runtime.Policy.Output.For(FindingCategories.SystemPromptLeak);
        if (action == PolicyAction.Off)
        {
            st.LeakReported = true;
            return;
        }

        var leaked = st.Leak.Feed(fresh);
        if (complete)
        {
            leaked = st.Leak.Complete();
        }

        if (leaked)
        {
            st.LeakReported = true;
            Ex.AddFindings([new Finding
            {
                Category = FindingCategories.SystemPromptLeak,
                Rule = "system_prompt_leak.stream_ngrams",
                Score = Math.Min(1, st.Leak.Fraction),
                Severity = Severity.High,
                Action = action,
                MessageIndex = st.Index,
                Message = $"{st.Leak.Fraction:P0} of the system prompt's word 5-grams reappear in the streamed completion",
            }]);
        }
    }

    private void Release(ChoiceState st, bool final)
    {
        var limit = final ? st.Text.Length : st.Scanned - _window;
        if (limit <= st.Released && !(final && !st.RoleSent && st.Role is not null))
        {
            return;
        }

        if (!final && c.Restorer is not null)
        {
            limit = PlaceholderRestorer.SafeCut(st.Text, st.Released, limit);
        }

        if (limit > 0 && limit < st.Text.Length && char.IsHighSurrogate(st.Text[limit - 1]))
        {
            limit--;
        }

        limit = Math.Max(limit, st.Released);
        if (limit == st.Released && (st.RoleSent || st.Role is null))
        {
            return;
        }

        var piece = st.Text.ToString(st.Released, limit - st.Released);
        if (c.Restorer is { } restorer)
        {
            piece = JsonText.Clean(restorer.Restore(piece));
        }

        JsonArray? logprobs = null;
        if (st.PendingLogprobs is { Count: > 0 } pending)
        {
            var taken = 0;
            foreach (var (end, entries) in pending)
            {
                if (end > limit && !final)
                {
                    break;
                }

                logprobs ??= [];
                foreach (var e in entries)
                {
                    var copy = e?.DeepClone();
                    logprobs.Add(copy);
                }

                taken++;
            }

            pending.RemoveRange(0, taken);
            if (logprobs is not null && c.LogprobsInjected)
            {
                OutputGuard.TrimTop(logprobs, c.ClientTopLogprobs ?? 0);
            }
        }

        StartSync();
        _writeState.Set(st.Index, role: st.RoleSent ? null : st.Role ?? "assistant", content: piece, logprobs: logprobs);
        _writer!.Chunk(_template!, c.ClientWantsUsage, _writeState, WriteChoice);
        st.RoleSent = true;
        st.Released = limit;
        Ex.FirstTokenMs ??= c.Runtime.Ms(Ex.StartTimestamp);
    }

    private async Task FinishAsync()
    {
        var started = c.Runtime.Time.GetTimestamp();
        var before = Ex.Findings.Count;
        foreach (var st in _choices)
        {
            // One last look at the whole text, this time with the system prompt.
            var full = st.Text.ToString();
            var findingsBefore = Ex.Findings.Count;
            var result = await OutputGuard.ScanTextAsync(c, full, st.Index).ConfigureAwait(false);
            FeedLeakTracker(st, full.AsSpan(Math.Min(st.LeakFed, full.Length)), complete: true);
            st.LeakFed = full.Length;
            if (result.Redacted && !ApplyRedaction(st, 0, result.Text, findingsBefore))
            {
                break;
            }

            st.Scanned = st.Text.Length;
            if (st.Refusal is { Length: > 0 } refusal)
            {
                var rr = await OutputGuard.ScanTextAsync(c, refusal.ToString(), st.Index).ConfigureAwait(false);
                if (rr.Redacted)
                {
                    refusal.Clear().Append(rr.Text);
                }
            }

            foreach (var tc in (IEnumerable<ToolCallBuilder>?)st.ToolCalls ?? [])
            {
                await CheckToolCallAsync(tc, st.Index).ConfigureAwait(false);
            }

            if (st.FunctionCall is { } fc)
            {
                await CheckToolCallAsync(fc, st.Index).ConfigureAwait(false);
            }

            if (st.FinishReason is { } fr)
            {
                (Ex.FinishReasons ??= []).Add(fr);
            }
        }

        OutputGuard.CheckEntropy(c);
        _guardMs += c.Runtime.Ms(started);
        var outputFindings = Ex.Findings.GetRange(before, Ex.Findings.Count - before);
        GatewayTelemetry.RecordGuard(Ex.Activity, "output", OutputGuard.VerdictOf(outputFindings), outputFindings, started);
        if (Ex.Verdict == Verdict.Block)
        {
            await BlockAsync().ConfigureAwait(false);
            return;
        }

        KeepResponse();
        await StartAsync().ConfigureAwait(false);
        foreach (var st in _choices)
        {
            Release(st, final: true);
            if (st.Refusal is { Length: > 0 } refusal)
            {
                _writeState.Set(st.Index, role: st.RoleSent ? null : st.Role ?? "assistant", refusal: Restore(refusal.ToString()));
                _writer!.Chunk(_template!, c.ClientWantsUsage, _writeState, WriteChoice);
                st.RoleSent = true;
            }

            if (st.ToolCalls is { Count: > 0 } || st.FunctionCall is not null)
            {
                _writeState.Set(st.Index, role: st.RoleSent ? null : st.Role ?? "assistant", toolCalls: st.ToolCalls, functionCall: st.FunctionCall, restorer: c.Restorer);
                _writer!.Chunk(_template!, c.ClientWantsUsage, _writeState, WriteChoice);
                st.RoleSent = true;
            }

            _writeState.Set(st.Index, finishReason: st.FinishReason ?? "stop");
            _writer!.Chunk(_template!, c.ClientWantsUsage, _writeState, WriteChoice);
        }

        if (c.ClientWantsUsage && _usage is not null && _template is not null)
        {
            _writeState.Set(-1);
            _writer!.Chunk(_template, false, _writeState, WriteChoice, _usage);
        }

        _writer!.Done();
        Ex.Status = 200;
        await _writer.FlushAsync(c.Http.RequestAborted).ConfigureAwait(false);
    }

    private async ValueTask CheckToolCallAsync(ToolCallBuilder tc, int choiceIndex)
    {
        var args = tc.Arguments.ToString();
        OutputGuard.CheckToolCall(c, tc.Name.Length > 0 ? tc.Name.ToString() : null, args, choiceIndex);
        if (args.Length > 0)
        {
            var r = await OutputGuard.ScanTextAsync(c, args, choiceIndex).ConfigureAwait(false);
            if (r.Redacted)
            {
                tc.Arguments.Clear().Append(r.Text);
            }
        }
    }

    private async Task BlockAsync()
    {
        var categories = string.Join(", ", Ex.BlockingCategories());
        GatewayLog.CompletionBlocked(c.Runtime.Log, Ex.Path, categories);
        KeepResponse();
        var message = $"The completion was stopped by the content policy ({categories}).";
        if (_writer is null)
        {
            await ChatCompletionsHandler.Fail(c.Http, Ex, 400, OpenAiError.InvalidRequest, "content_filter", message).ConfigureAwait(false);
            Ex.Error = null;
            return;
        }

        _writer.Error(OpenAiError.InvalidRequest, "content_filter", message);
        _writer.Done();
        Ex.Status = 200;
        Ex.ErrorType = "content_filter";
        await _writer.FlushAsync(c.Http.RequestAborted).ConfigureAwait(false);
    }

    private async Task FailAsync(int status, string code, string message)
    {
        KeepResponse();
        if (_writer is null)
        {
            await ChatCompletionsHandler.Fail(c.Http, Ex, status, OpenAiError.ServerError, code, message).ConfigureAwait(false);
            return;
        }

        _writer.Error(OpenAiError.ServerError, code, message);
        _writer.Done();
        Ex.Status = 200;
        Ex.ErrorType = code;
        Ex.Error = message + " (after the stream started)";
        await _writer.FlushAsync(c.Http.RequestAborted).ConfigureAwait(false);
    }

    private async ValueTask StartAsync()
    {
        if (StartSync())
        {
            await _writer!.FlushAsync(c.Http.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>Commits to a 200 event stream (once) and writes held pass-through chunks; true when it just started.</summary>
    private bool StartSync()
    {
        if (_writer is not null)
        {
            return false;
        }

        var response = c.Http.Response;
        response.StatusCode = 200;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        UpstreamErrors.CopyHeaders(call.Response!, response);
        Ex.Status = 200;
        _writer = new ChunkWriter(response.BodyWriter);
        if (_passThrough is not null)
        {
            foreach (var raw in _passThrough)
            {
                _writer.Raw(raw);
            }

            _passThrough = null;
        }

        return true;
    }

    private string Restore(string text) => JsonText.Clean(c.Restorer?.Restore(text) ?? text);

    private ChoiceState State(int index)
    {
        foreach (var s in _choices)
        {
            if (s.Index == index)
            {
                return s;
            }
        }

        if (_choices.Count >= 128)
        {
            throw new SseFormatException("more than 128 choices in one stream");
        }

        var created = new ChoiceState(index);
        _choices.Add(created);
        return created;
    }

    private static void AddToolCallDeltas(ChoiceState st, JsonArray? deltas)
    {
        if (deltas is null)
        {
            return;
        }

        foreach (var d in deltas)
        {
            var index = (int)(d.Prop("index").Int() ?? 0);
            if (st.ToolCalls is { Count: >= 128 } && st.ToolCalls.TrueForAll(t => t.Index != index))
            {
                throw new SseFormatException("more than 128 tool calls in one choice");
            }

            var tc = st.ToolCall(index);
            tc.Id ??= d.Prop("id").Str() is { } id ? JsonText.Clean(ChatCompletionsHandler.Truncate(id, 128)) : null;
            tc.Type ??= d.Prop("type").Str() is { } type ? JsonText.Clean(ChatCompletionsHandler.Truncate(type, 32)) : null;
            var f = d.Prop("function");
            if (f.Prop("name").Str() is { } name)
            {
                tc.Name.Append(JsonText.Clean(name));
            }

            if (f.Prop("arguments").Str() is { } args)
            {
                tc.Arguments.Append(JsonText.Clean(args));
            }
        }
    }

    private static void AddFunctionCallDelta(ChoiceState st, JsonObject? delta)
    {
        if (delta is null)
        {
            return;
        }

        st.FunctionCall ??= new ToolCallBuilder(-1);
        if (delta.Prop("name").Str() is { } name)
        {
            st.FunctionCall.Name.Append(JsonText.Clean(name));
        }

        if (delta.Prop("arguments").Str() is { } args)
        {
            st.FunctionCall.Arguments.Append(JsonText.Clean(args));
        }
    }

    /// <summary>Keeps what the completion said for the event (redacted, placeholders not restored).</summary>
    private void KeepResponse()
    {
        if (c.Runtime.Retention == Core.Policy.BodyRetention.Drop)
        {
            return;
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            if (Ex.ResponseId is { } id)
            {
                w.WriteString("id", id);
            }

            w.WriteString("object", "chat.completion");
            if (Ex.ResponseModel is { } model)
            {
                w.WriteString("model", model);
            }

            w.WriteStartArray("choices");
            foreach (var st in _choices)
            {
                w.WriteStartObject();
                w.WriteNumber("index", st.Index);
                w.WriteStartObject("message");
                w.WriteString("role", st.Role ?? "assistant");
                w.WriteString("content", st.Text.ToString());
                if (st.Refusal is { Length: > 0 } refusal)
                {
                    w.WriteString("refusal", refusal.ToString());
                }

                if (st.ToolCalls is { Count: > 0 } calls)
                {
                    w.WriteStartArray("tool_calls");
                    foreach (var tc in calls)
                    {
                        w.WriteStartObject();
                        w.WriteString("id", tc.Id);
                        w.WriteString("type", tc.Type ?? "function");
                        w.WriteStartObject("function");
                        w.WriteString("name", tc.Name.ToString());
                        w.WriteString("arguments", tc.Arguments.ToString());
                        w.WriteEndObject();
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                }

                w.WriteEndObject();
                if (st.FinishReason is { } fr)
                {
                    w.WriteString("finish_reason", fr);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        Ex.ResponseBody = System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteChoice(Utf8JsonWriter w, ChoiceWriteState s)
    {
        w.WriteStartArray();
        if (s.Index < 0)
        {
            w.WriteEndArray();
            return;
        }

        w.WriteStartObject();
        w.WriteNumber("index", s.Index);
        w.WriteStartObject("delta");
        if (s.Delta is { } unknown)
        {
            foreach (var (k, v) in unknown)
            {
                w.WritePropertyName(k);
                if (v is null)
                {
                    w.WriteNullValue();
                }
                else
                {
                    v.WriteTo(w);
                }
            }
        }

        if (s.Role is { } role)
        {
            w.WriteString("role", role);
        }

        if (s.Content is { } content)
        {
            w.WriteString("content", content);
        }

        if (s.Refusal is { } refusal)
        {
            w.WriteString("refusal", refusal);
        }

        if (s.ToolCalls is { Count: > 0 } calls)
        {
            w.WriteStartArray("tool_calls");
            foreach (var tc in calls)
            {
                w.WriteStartObject();
                w.WriteNumber("index", tc.Index);
                if (tc.Id is { } id)
                {
                    w.WriteString("id", id);
                }

                w.WriteString("type", tc.Type ?? "function");
                w.WriteStartObject("function");
                w.WriteString("name", tc.Name.ToString());
                var args = tc.Arguments.ToString();
                w.WriteString("arguments", JsonText.Clean(s.Restorer?.Restore(args) ?? args));
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        if (s.FunctionCall is { } fc)
        {
            w.WriteStartObject("function_call");
            w.WriteString("name", fc.Name.ToString());
            var args = fc.Arguments.ToString();
            w.WriteString("arguments", JsonText.Clean(s.Restorer?.Restore(args) ?? args));
            w.WriteEndObject();
        }

        w.WriteEndObject();
        if (s.Logprobs is { } lp)
        {
            w.WriteStartObject("logprobs");
            w.WritePropertyName("content");
            lp.WriteTo(w);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("logprobs");
        }

        if (s.FinishReason is { } fr)
        {
            w.WriteString("finish_reason", fr);
        }
        else
        {
            w.WriteNull("finish_reason");
        }

        w.WriteEndObject();
        w.WriteEndArray();
    }
}
