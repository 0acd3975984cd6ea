using LlmSecOps.Server.Gateway.Http;
using LlmSecOps.Server.Gateway.Upstream;
using Microsoft.AspNetCore.Http;

namespace LlmSecOps.Server.Gateway;

/// <summary>
/// Maps what went wrong upstream to what the client gets: unreachable 502, timeout 504, 429
/// passed through with Retry-After, other 4xx passed through, 5xx as 502.
/// </summary>
internal static class UpstreamErrors
{
    private const int MaxErrorBody = 64 * 1024;

    private static readonly string[] PassedHeaders =
    [
        "x-request-id", "openai-processing-ms", "openai-version", "retry-after", "retry-after-ms",
        "x-ratelimit-limit-requests", "x-ratelimit-limit-tokens", "x-ratelimit-remaining-requests",
        "x-ratelimit-remaining-tokens", "x-ratelimit-reset-requests", "x-ratelimit-reset-tokens",
    ];

    /// <summary>Handles a failed call or a non-2xx answer; returns true when the response has been written.</summary>
    public static async Task<bool> HandleAsync(GatewayRuntime runtime, HttpContext http, Events.Exchange ex, UpstreamCall call, long upstreamStarted)
    {
        var upstreamName = ex.Upstream?.Name ?? "upstream";
        switch (call.Failure)
        {
            case UpstreamFailure.None:
                break;
            case UpstreamFailure.ClientAborted:
                ex.UpstreamMs = runtime.Ms(upstreamStarted);
                throw new OperationCanceledException(http.RequestAborted);
            case UpstreamFailure.Timeout:
                ex.UpstreamMs = runtime.Ms(upstreamStarted);
                GatewayLog.UpstreamFailed(runtime.Log, upstreamName, call.Detail ?? "timeout");
                await ChatCompletionsHandler.Fail(http, ex, 504, OpenAiError.ServerError, "upstream_timeout", "The upstream did not answer in time: " + call.Detail).ConfigureAwait(false);
                return true;
            case UpstreamFailure.Unreachable:
                ex.UpstreamMs = runtime.Ms(upstreamStarted);
                GatewayLog.UpstreamFailed(runtime.Log, upstreamName, call.Detail ?? "unreachable");
                await ChatCompletionsHandler.Fail(http, ex, 502, OpenAiError.ServerError, "upstream_unreachable", $"The upstream could not be reached ({call.Detail}).").ConfigureAwait(false);
                return true;
            default:
                ex.UpstreamMs = runtime.Ms(upstreamStarted);
                GatewayLog.UpstreamFailed(runtime.Log, upstreamName, call.Detail ?? "broken connection");
                await ChatCompletionsHandler.Fail(http, ex, 502, OpenAiError.ServerError, "upstream_error", $"The upstream connection failed ({call.Detail}).").ConfigureAwait(false);
                return true;
        }

        var response = call.Response!;
        var status = (int)response.StatusCode;
        ex.UpstreamStatus = status;
        if (status is >= 200 and < 300)
        {
            return false;
        }

        // Error answers are small; read them (bounded) and pass on what is safe.
        byte[] body = [];
        try
        {
            using var pooled = new PooledBody(4096);
            await using var stream = await response.Content.ReadAsStreamAsync(call.Token).ConfigureAwait(false);
            if (await pooled.ReadFromAsync(stream, MaxErrorBody, call.Token).ConfigureAwait(false))
            {
                body = pooled.Span.ToArray();
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException or OperationCanceledException && !http.RequestAborted.IsCancellationRequested)
        {
            body = [];
        }

        ex.UpstreamMs = runtime.Ms(upstreamStarted);
        var isOpenAiError = body.Length > 0 && JsonBody.ParseObject(body, out _) is { } doc && doc.Prop("error") is System.Text.Json.Nodes.JsonObject;
        if (status == 429)
        {
            CopyHeaders(response, http.Response);
            await PassThrough(http, ex, 429, body, isOpenAiError, OpenAiError.RateLimit, "rate_limit_exceeded", "The upstream is rate limiting requests; retry later.").ConfigureAwait(false);
            return true;
        }

        if (status is 401 or 403)
        {
            GatewayLog.UpstreamFailed(runtime.Log, upstreamName, $"answered {status}: check the upstream API key");
            await ChatCompletionsHandler.Fail(http, ex, 502, OpenAiError.ServerError, "upstream_auth_failed", $"The upstream refused the gateway's credentials ({status}).").ConfigureAwait(false);
            return true;
        }

        if (status is >= 400 and < 500)
        {
            await PassThrough(http, ex, status, body, isOpenAiError, OpenAiError.InvalidRequest, "upstream_rejected", $"The upstream rejected the request ({status}).").ConfigureAwait(false);
            return true;
        }

        GatewayLog.UpstreamFailed(runtime.Log, upstreamName, $"answered {status}");
        await ChatCompletionsHandler.Fail(http, ex, 502, OpenAiError.ServerError, "upstream_error", $"The upstream failed ({status}) after {call.Attempts} attempt(s).").ConfigureAwait(false);
        return true;
    }

    /// <summary>Copies request-id and rate-limit headers from the upstream answer.</summary>
    public static void CopyHeaders(HttpResponseMessage from, HttpResponse to)
    {
        foreach (var name in PassedHeaders)
        {
            if (from.Headers.TryGetValues(name, out var values))
            {
                to.Headers[name] = values.ToArray();
            }
        }
    }

    private static async Task PassThrough(HttpContext http, Events.Exchange ex, int status, byte[] body, bool isOpenAiError, string type, string code, string message)
    {
        ex.Status = status;
        ex.ErrorType = code;
        ex.Error = message;
        if (!isOpenAiError)
        {
            await OpenAiError.WriteAsync(http, status, type, code, message).ConfigureAwait(false);
            return;
        }

        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body, http.RequestAborted).ConfigureAwait(false);
    }
}
