using System.Text.Json.Nodes;
using LlmSecOps.Server.Gateway.Auth;
using LlmSecOps.Server.Gateway.Events;
using LlmSecOps.Server.Gateway.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace LlmSecOps.Server.Gateway;

/// <summary>Checks every endpoint shares: media type, authentication and the body limit.</summary>
internal static class RequestGate
{
    /// <summary>
    /// Runs one exchange's handler: a client that went away is recorded as 499, an oversized body
    /// answered with 413, anything unexpected with 500 (or the connection aborted when the response
    /// had already started); the exchange is finished whatever happened.
    /// </summary>
    public static async Task RunAsync(GatewayRuntime runtime, HttpContext http, Exchange ex, Func<HttpContext, Exchange, Task> core)
    {
        try
        {
            await core(http, ex).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested || http.Response.HasStarted)
        {
            ex.Status = 499;
            ex.Error = "the client closed the request";
            ex.ErrorType = "client_closed";
        }
        catch (BadHttpRequestException bad) when (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await ChatCompletionsHandler.Fail(http, ex, 413, OpenAiError.InvalidRequest, "request_too_large", TooLarge(runtime)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            GatewayLog.Unexpected(runtime.Log, e, ex.Path);
            ex.ErrorType ??= e.GetType().Name;
            if (http.Response.HasStarted)
            {
                ex.Error = "internal error after the response started";
                http.Abort();
            }
            else
            {
                await ChatCompletionsHandler.Fail(http, ex, 500, OpenAiError.ServerError, "internal_error", "the gateway failed to handle the request").ConfigureAwait(false);
            }
        }
        finally
        {
            if (ex.Status == 0)
            {
                ex.Status = http.Response.StatusCode;
            }

            runtime.Finish(ex);
        }
    }

    /// <summary>
    /// The checks before a JSON endpoint looks at its body: media type, API key, body size, JSON
    /// syntax and a string <c>model</c>. The body is read (after the key is checked) into a pooled
    /// buffer that the caller disposes; null when the request was refused (the OpenAI-shaped error
    /// is written, the exchange filled in and the buffer already returned).
    /// </summary>
    public static async Task<(JsonObject Body, string Model, PooledBody Raw)?> ReadJsonRequestAsync(GatewayRuntime runtime, HttpContext http, Exchange ex)
    {
        if (!IsJson(http.Request))
        {
            await ChatCompletionsHandler.Fail(http, ex, 415, OpenAiError.InvalidRequest, "unsupported_media_type", "send the body as JSON with Content-Type: application/json").ConfigureAwait(false);
            return null;
        }

        var (auth, principal) = runtime.Principals.Resolve(http);
        ex.Principal = principal;
        if (auth != AuthOutcome.Ok)
        {
            await WriteAuthFailureAsync(http, ex, auth).ConfigureAwait(false);
            return null;
        }

        var raw = new PooledBody((int)Math.Min(http.Request.ContentLength ?? 4096, 1 << 20));
        var handedOver = false;
        try
        {
            if (!await ReadBodyAsync(http, raw, runtime.Options.MaxRequestBytes).ConfigureAwait(false))
            {
                await ChatCompletionsHandler.Fail(http, ex, 413, OpenAiError.InvalidRequest, "request_too_large", TooLarge(runtime)).ConfigureAwait(false);
                return null;
            }

            var body = JsonBody.ParseObject(raw.Span, out var parseError);
            if (body is null)
            {
                await ChatCompletionsHandler.Fail(http, ex, 400, OpenAiError.InvalidRequest, "invalid_json", parseError!).ConfigureAwait(false);
                return null;
            }

            var model = body.Prop("model").Str();
            if (string.IsNullOrEmpty(model))
            {
                await ChatCompletionsHandler.Fail(http, ex, 400, OpenAiError.InvalidRequest, "missing_required_parameter", "'model' is required and must be a string", "model").ConfigureAwait(false);
                return null;
            }

            ex.Model = JsonText.Clean(model.Length > 256 ? model[..256] : model);
            handedOver = true;
            return (body, model, raw);
        }
        finally
        {
            // The caller owns the buffer only when the request passed.
            if (!handedOver)
            {
                raw.Dispose();
            }
        }
    }

    private static string TooLarge(GatewayRuntime runtime) => $"the request body is larger than {runtime.Options.MaxRequestBytes} bytes";

    /// <summary>Whether the request declares a JSON body (<c>application/json</c>, any parameters).</summary>
    public static bool IsJson(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var mt) &&
        (mt.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) ||
         mt.MediaType.Value?.EndsWith("+json", StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>Reads the body into a pooled buffer; false when it is over the limit.</summary>
    public static async Task<bool> ReadBodyAsync(HttpContext http, PooledBody body, long limit)
    {
        if (http.Request.ContentLength is { } declared && declared > limit)
        {
            return false;
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            // Kestrel's own limit is one byte over ours, so an oversize body surfaces as our 413, not its.
            feature.MaxRequestBodySize = limit + 1;
        }

        return await body.ReadFromAsync(http.Request.Body, limit, http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Writes 401 for a missing or unknown key.</summary>
    public static Task WriteAuthFailureAsync(HttpContext http, Exchange ex, AuthOutcome outcome)
    {
        ex.Status = 401;
        ex.ErrorType = outcome == AuthOutcome.Missing ? "missing_api_key" : "invalid_api_key";
        ex.Error = outcome == AuthOutcome.Missing ? "no API key" : "unknown API key";
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return OpenAiError.WriteAsync(
            http,
            401,
            OpenAiError.InvalidRequest,
            ex.ErrorType,
            outcome == AuthOutcome.Missing
                ? "You didn't provide an API key. Send it as 'Authorization: Bearer <key>'."
                : "Incorrect API key provided.");
    }
}
