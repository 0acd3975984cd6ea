using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace LlmSecOps.Server.Gateway.Http;

/// <summary>
/// Errors in the shape OpenAI clients parse:
/// <c>{"error":{"message","type","param","code"}}</c>. Messages never carry request content.
/// </summary>
internal static class OpenAiError
{
    /// <summary><c>type</c> for client mistakes and refusals.</summary>
    public const string InvalidRequest = "invalid_request_error";

    /// <summary><c>type</c> for failures on our side or upstream.</summary>
    public const string ServerError = "server_error";

    /// <summary><c>type</c> for 401.</summary>
    public const string Authentication = "authentication_error";

    /// <summary><c>type</c> for 403 decisions.</summary>
    public const string Permission = "permission_error";

    /// <summary><c>type</c> for 429.</summary>
    public const string RateLimit = "rate_limit_error";

    /// <summary>Writes an error response (if the response has not started).</summary>
    public static Task WriteAsync(HttpContext context, int status, string type, string? code, string message, string? param = null)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            return Task.CompletedTask;
        }

        response.StatusCode = status;
        response.ContentType = "application/json";
        response.Headers.CacheControl = "no-store";
        var bytes = Serialize(type, code, message, param);
        response.ContentLength = bytes.Length;
        return response.Body.WriteAsync(bytes, 0, bytes.Length, context.RequestAborted);
    }

    /// <summary>The error document as UTF-8 JSON.</summary>
    public static byte[] Serialize(string type, string? code, string message, string? param = null)
    {
        using var buffer = new MemoryStream(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            Write(w, type, code, message, param);
        }

        return buffer.ToArray();
    }

    /// <summary>Writes the error document.</summary>
    public static void Write(Utf8JsonWriter w, string type, string? code, string message, string? param = null)
    {
        w.WriteStartObject();
        w.WriteStartObject("error");
        w.WriteString("message", message);
        w.WriteString("type", type);
        if (param is null)
        {
            w.WriteNull("param");
        }
        else
        {
            w.WriteString("param", param);
        }

        if (code is null)
        {
            w.WriteNull("code");
        }
        else
        {
            w.WriteString("code", code);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }
}
