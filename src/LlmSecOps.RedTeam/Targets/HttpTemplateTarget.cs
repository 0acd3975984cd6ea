using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using LlmSecOps.RedTeam.Conversations;

namespace LlmSecOps.RedTeam.Targets;

/// <summary>
/// Any HTTP chat API described by a <see cref="HttpTargetTemplate"/>. Placeholders are filled per
/// turn and escaped for where they sit (JSON strings, URLs); a session id found in a reply is
/// carried into the next turn of the same conversation.
/// </summary>
internal sealed partial class HttpTemplateTarget : Target
{
    private readonly HttpClient _http;
    private readonly HttpTargetTemplate _template;
    private readonly TimeProvider _time;

    public HttpTemplateTarget(HttpClient http, HttpTargetTemplate template, TimeProvider? time = null)
    {
        _http = http;
        _template = template;
        _time = time ?? TimeProvider.System;
        Id = $"http:{template.Method.Method} {template.UrlAsWritten}#{template.ReplyPath.Text}";
    }

    public override string Id { get; }

    public override bool AcceptsSystemPrompt => _template.TakesSystemPrompt;

    public override async ValueTask<TargetResponse> SendAsync(TargetRequest request, CancellationToken cancellationToken)
    {
        var sessionId = request.State.SessionId ?? (_template.GenerateSessionId ? request.State.ConversationId : string.Empty);
        var prompt = PromptText(request);
        var system = request.Messages.FirstOrDefault(m => m.Role == ChatRoles.System)?.Content ?? string.Empty;
        string? messagesJson = null;
        string? Lookup(string name) => name switch
        {
            "prompt" => prompt,
            "session_id" => sessionId,
            "system_prompt" => system,
            "conversation_id" => request.State.ConversationId,
            "turn" => request.Turn.ToString(CultureInfo.InvariantCulture),
            "attempt_id" => request.AttemptId ?? string.Empty,
            "messages" => messagesJson ??= MessagesJson(request.Messages),
            _ => null,
        };

        var url = HttpTargetTemplateLoader.Substitute(_template.Url, name => Lookup(name) is { } v ? Uri.EscapeDataString(v) : null);
        using var message = new HttpRequestMessage(_template.Method, url);
        foreach (var (name, value) in _template.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, HttpTargetTemplateLoader.Substitute(value, Lookup));
        }

        if (_template.SessionRequestHeader is { } sendHeader && !string.IsNullOrEmpty(sessionId))
        {
            message.Headers.TryAddWithoutValidation(sendHeader, sessionId);
        }

        if (request.AttemptId is not null)
        {
            message.Headers.TryAddWithoutValidation(TargetHeaders.Attempt, request.AttemptId);
        }

        if (_template.JsonBody is not null || _template.RawBody is not null)
        {
            byte[] bytes;
            if (_template.JsonBody is { } doc)
            {
                var buffer = new ArrayBufferWriter<byte>(512);
                using (var writer = new Utf8JsonWriter(buffer))
                {
                    WriteFilled(writer, doc.RootElement, Lookup, request.Messages);
                }

                bytes = buffer.WrittenSpan.ToArray();
            }
            else
            {
                var isJson = _template.ContentType.Contains("json", StringComparison.OrdinalIgnoreCase);
                var text = HttpTargetTemplateLoader.Substitute(_template.RawBody!, name =>
                {
                    var v = Lookup(name);
                    return v is null || !isJson || name == "messages" ? v : HttpTargetTemplateLoader.EscapeJson(v);
                });
                bytes = Encoding.UTF8.GetBytes(text);
            }

            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(_template.ContentType);
            message.Content = content;
        }

        using var timeout = new CancellationTokenSource(_template.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var body = await HttpBody.ReadLimitedAsync(response.Content, HttpBody.MaxResponseBytes, linked.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (body is null)
            {
                return TargetResponse.Failed($"response body over {HttpBody.MaxResponseBytes} bytes", status);
            }

            var result = Interpret(status, body, response.Headers);
            var newSession = ReadSession(body, response.Headers);
            if (newSession is not null)
            {
                request.State.SessionId = newSession;
                result = result with { SessionId = newSession };
            }
            else if (request.State.SessionId is null && !string.IsNullOrEmpty(sessionId))
            {
                request.State.SessionId = sessionId;
            }

            return result;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return TargetResponse.Failed($"timeout after {_template.Timeout.TotalSeconds:0.###} s", retryable: true);
        }
        catch (HttpRequestException ex)
        {
            return TargetResponse.Failed("connection failed: " + ex.Message, retryable: true);
        }
    }

    /// <summary>
    /// The text for <c>{{prompt}}</c>: what this turn adds. Tool results and documents that came
    /// in since the last reply are folded in front of the user's words, because a one-string API
    /// has nowhere else to put them.
    /// </summary>
    internal static string PromptText(TargetRequest request)
    {
        var from = Math.Clamp(request.NewMessagesFrom, 0, request.Messages.Count);
        StringBuilder? sb = null;
        string? last = null;
        for (var i = from; i < request.Messages.Count; i++)
        {
            var m = request.Messages[i];
            string? piece = m.Role switch
            {
                ChatRoles.User => m.Content,
                ChatRoles.Tool => $"[result of tool {m.Name ?? "call"}]\n{m.Content}",
                _ => null,
            };
            if (piece is null)
            {
                continue;
            }

            if (last is null)
            {
                last = piece;
            }
            else
            {
                sb ??= new StringBuilder(last);
                sb.Append("\n\n").Append(piece);
            }
        }

        return sb?.ToString() ?? last ?? request.LastUserText();
    }

    private static string MessagesJson(IReadOnlyList<ChatMessage> messages)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            ChatJson.WriteMessages(writer, messages);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteFilled(Utf8JsonWriter writer, JsonElement element, Func<string, string?> lookup, IReadOnlyList<ChatMessage> messages)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var p in element.EnumerateObject())
                {
                    writer.WritePropertyName(p.Name);
                    WriteFilled(writer, p.Value, lookup, messages);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteFilled(writer, item, lookup, messages);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                var s = element.GetString()!;
                if (WholeMessagesRegex().IsMatch(s))
                {
                    ChatJson.WriteMessages(writer, messages);
                }
                else
                {
                    // Utf8JsonWriter escapes the filled text, so quotes, newlines and control
                    // characters in an attack never break the body.
                    writer.WriteStringValue(HttpTargetTemplateLoader.Substitute(s, lookup));
                }

                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    private TargetResponse Interpret(int status, byte[] body, HttpResponseHeaders headers)
    {
        JsonDocument? doc = null;
        try
        {
            try
            {
                doc = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
            }
            catch (JsonException)
            {
                doc = null;
            }

            if (_template.BlockedStatuses.Contains(status) && _template.BlockedPath is null)
            {
                return TargetResponse.Blocked($"HTTP {status}", status);
            }

            if (doc is not null && _template.BlockedPath is { } bp && bp.EvaluateText(doc.RootElement) is { } marker &&
                (_template.BlockedEquals is null || string.Equals(marker, _template.BlockedEquals, StringComparison.OrdinalIgnoreCase)) &&
                (_template.BlockedStatuses.Count == 0 || _template.BlockedStatuses.Contains(status)))
            {
                return TargetResponse.Blocked($"{bp.Text} = {marker}", status);
            }

            if (status is < 200 or > 299)
            {
                if (doc is not null && ChatJson.IsContentFilterError(doc.RootElement, out var reason))
                {
                    return TargetResponse.Blocked(reason.Length > 0 ? reason : "content_filter", status);
                }

                return TargetResponse.Failed($"HTTP {status}: {HttpBody.Excerpt(body)}", status, HttpBody.IsRetryable(status), HttpBody.RetryAfter(headers, _time));
            }

            if (doc is null)
            {
                return TargetResponse.Failed("reply is not JSON: " + HttpBody.Excerpt(body), status);
            }

            var replyElement = _template.ReplyPath.Evaluate(doc.RootElement);
            if (replyElement is null)
            {
                return TargetResponse.Failed($"reply path {_template.ReplyPath.Text} not found in: {HttpBody.Excerpt(body)}", status);
            }

            var text = replyElement.Value.ValueKind switch
            {
                JsonValueKind.String => replyElement.Value.GetString()!,
                JsonValueKind.Null => string.Empty,
                JsonValueKind.Array => ChatJson.ReadContent(replyElement.Value),
                _ => replyElement.Value.GetRawText(),
            };
            IReadOnlyList<ToolCall> calls = [];
            if (_template.ToolCallsPath?.Evaluate(doc.RootElement) is { ValueKind: JsonValueKind.Array } callsElement)
            {
                using var wrapper = JsonDocument.Parse("{\"tool_calls\":" + callsElement.GetRawText() + "}");
                calls = ChatJson.ReadToolCalls(wrapper.RootElement);
            }

            return TargetResponse.Ok(text, calls, status);
        }
        finally
        {
            doc?.Dispose();
        }
    }

    private string? ReadSession(byte[] body, HttpResponseHeaders headers)
    {
        if (_template.SessionResponseHeader is { } header && headers.TryGetValues(header, out var values))
        {
            var v = values.FirstOrDefault();
            if (!string.IsNullOrEmpty(v))
            {
                return v;
            }
        }

        if (_template.SessionPath is { } path)
        {
            try
            {
                using var doc = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
                var v = path.EvaluateText(doc.RootElement);
                return string.IsNullOrEmpty(v) ? null : v;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        return null;
    }

    [GeneratedRegex(@"^\s*\{\{\s*messages\s*\}\}\s*$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex WholeMessagesRegex();
}
