using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;

namespace LlmSecOps.RedTeam.Targets;

/// <summary>
/// An OpenAI-compatible <c>/chat/completions</c> endpoint, including the guard gateway: a refusal
/// by a content filter (an error with code <c>content_filter</c>, or a finish reason of
/// <c>content_filter</c>) is reported as <see cref="TargetStatus.Blocked"/>, so one run measures
/// both the model and the guard in front of it.
/// </summary>
internal sealed class OpenAiTarget : Target
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json") { CharSet = "utf-8" };
    private readonly HttpClient _http;
    private readonly OpenAiTargetOptions _options;
    private readonly Uri _endpoint;
    private readonly TimeProvider _time;

    public OpenAiTarget(HttpClient http, OpenAiTargetOptions options, TimeProvider? time = null)
    {
        _http = http;
        _options = options;
        _time = time ?? TimeProvider.System;
        var baseText = options.BaseUrl.ToString().TrimEnd('/');
        _endpoint = baseText.EndsWith("/chat/completions", StringComparison.OrdinalIgnoreCase)
            ? new Uri(baseText)
            : new Uri(baseText + "/chat/completions");
        Id = $"openai:{baseText}#{options.Model}";
    }

    public override string Id { get; }

    public override async ValueTask<TargetResponse> SendAsync(TargetRequest request, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("model", _options.Model);
            writer.WritePropertyName("messages");
            ChatJson.WriteMessages(writer, request.Messages);
            if (request.Tools.Count > 0)
            {
                writer.WritePropertyName("tools");
                ChatJson.WriteTools(writer, request.Tools);
            }

            if (_options.Temperature is { } t)
            {
                writer.WriteNumber("temperature", t);
            }

            if (_options.MaxTokens is { } max)
            {
                writer.WriteNumber("max_tokens", max);
            }

            writer.WriteEndObject();
        }

        using var message = new HttpRequestMessage(HttpMethod.Post, _endpoint);
        var content = new ReadOnlyMemoryContent(buffer.WrittenMemory);
        content.Headers.ContentType = JsonType;
        message.Content = content;
        if (!string.IsNullOrEmpty(_options.ApiKey))
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);
        }

        if (request.AttemptId is not null)
        {
            message.Headers.TryAddWithoutValidation(TargetHeaders.Attempt, request.AttemptId);
        }

        using var timeout = new CancellationTokenSource(_options.Timeout, _time);
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

            return Interpret(status, body, response.Headers);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return TargetResponse.Failed($"timeout after {_options.Timeout.TotalSeconds:0.###} s", retryable: true);
        }
        catch (HttpRequestException ex)
        {
            return TargetResponse.Failed("connection failed: " + ex.Message, retryable: true);
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

            if (status is < 200 or > 299)
            {
                if (doc is not null && ChatJson.IsContentFilterError(doc.RootElement, out var reason))
                {
                    return TargetResponse.Blocked(reason.Length > 0 ? reason : "content_filter", status);
                }

                var detail = doc is not null && doc.RootElement.ValueKind == JsonValueKind.Object &&
                             doc.RootElement.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object &&
                             e.TryGetProperty("message", out var em) && em.ValueKind == JsonValueKind.String
                    ? em.GetString()!
                    : HttpBody.Excerpt(body);
                return TargetResponse.Failed($"HTTP {status}: {detail}", status, HttpBody.IsRetryable(status), HttpBody.RetryAfter(headers, _time));
            }

            if (doc is null || doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return TargetResponse.Failed("reply is not a JSON object: " + HttpBody.Excerpt(body), status);
            }

            if (!doc.RootElement.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array || choices.GetArrayLength() == 0)
            {
                if (ChatJson.IsContentFilterError(doc.RootElement, out var reason))
                {
                    return TargetResponse.Blocked(reason.Length > 0 ? reason : "content_filter", status);
                }

                return TargetResponse.Failed("reply has no choices: " + HttpBody.Excerpt(body), status);
            }

            var choice = choices[0];
            var finish = choice.TryGetProperty("finish_reason", out var fr) && fr.ValueKind == JsonValueKind.String ? fr.GetString() : null;
            if (string.Equals(finish, "content_filter", StringComparison.OrdinalIgnoreCase))
            {
                return TargetResponse.Blocked("finish_reason content_filter", status) with { FinishReason = finish };
            }

            if (!choice.TryGetProperty("message", out var msg) || msg.ValueKind != JsonValueKind.Object)
            {
                return TargetResponse.Failed("choice has no message: " + HttpBody.Excerpt(body), status);
            }

            var text = msg.TryGetProperty("content", out var c) ? ChatJson.ReadContent(c) : string.Empty;
            if (text.Length == 0 && msg.TryGetProperty("refusal", out var refusal) && refusal.ValueKind == JsonValueKind.String)
            {
                text = refusal.GetString()!;
            }

            return TargetResponse.Ok(text, ChatJson.ReadToolCalls(msg), status) with { FinishReason = finish };
        }
        finally
        {
            doc?.Dispose();
        }
    }
}
