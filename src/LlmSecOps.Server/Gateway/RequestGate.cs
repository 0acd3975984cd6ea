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
