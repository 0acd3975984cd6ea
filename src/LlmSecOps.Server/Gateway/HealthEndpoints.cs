using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace LlmSecOps.Server.Gateway;

/// <summary><c>/healthz</c> (the process answers) and <c>/readyz</c> (upstreams configured, event store writable).</summary>
internal static class HealthEndpoints
{
    private static readonly TimeSpan ReadinessTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Liveness.</summary>
    public static Task HealthAsync(HttpContext http)
    {
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync("{\"status\":\"ok\"}", http.RequestAborted);
    }

    /// <summary>Readiness.</summary>
    public static async Task ReadyAsync(HttpContext http, GatewayRuntime runtime)
    {
        var upstreams = runtime.Router.Upstreams.Count > 0 ? null : "no upstream configured";
        string? store = null;
        if (runtime.ReadinessCheck is { } check)
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
            cts.CancelAfter(ReadinessTimeout);
            try
            {
                store = await check(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!http.RequestAborted.IsCancellationRequested)
            {
                store = "the event store did not answer in time";
            }
        }

        var ready = upstreams is null && store is null;
        http.Response.StatusCode = ready ? 200 : 503;
        http.Response.ContentType = "application/json";
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("status", ready ? "ready" : "unavailable");
            w.WriteStartObject("checks");
            w.WriteString("upstreams", upstreams ?? "ok");
            w.WriteString("event_store", store ?? "ok");
            w.WriteEndObject();
            w.WriteEndObject();
        }

        await http.Response.Body.WriteAsync(buffer.ToArray(), http.RequestAborted).ConfigureAwait(false);
    }
}
