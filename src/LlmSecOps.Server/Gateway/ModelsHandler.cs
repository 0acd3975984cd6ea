using System.Text.Json;
using System.Text.Json.Nodes;
using LlmSecOps.Server.Gateway.Auth;
using LlmSecOps.Server.Gateway.Configuration;
using LlmSecOps.Server.Gateway.Http;
using Microsoft.AspNetCore.Http;

namespace LlmSecOps.Server.Gateway;

/// <summary>
/// <c>GET /v1/models</c>: the exact model names in the configuration, plus — for upstreams routed
/// by pattern or as a fallback — what those upstreams list themselves, keeping only models that
/// would actually be routed to them.
/// </summary>
internal sealed class ModelsHandler(GatewayRuntime runtime)
{
    private const int MaxListBytes = 4 << 20;

    /// <summary>Handles one request.</summary>
    public async Task HandleAsync(HttpContext http)
    {
        var (auth, _) = runtime.Principals.Resolve(http);
        if (auth != AuthOutcome.Ok)
        {
            await RequestGate.WriteAuthFailureAsync(http, new Events.Exchange
            {
                Started = runtime.Time.GetUtcNow(),
                StartTimestamp = runtime.Time.GetTimestamp(),
                Operation = "models",
                Path = http.Request.Path.Value ?? string.Empty,
                RouteName = "default",
                RouteTemplate = "/v1/models",
            }, auth).ConfigureAwait(false);
            return;
        }

        var data = new JsonArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var u in runtime.Router.Upstreams)
        {
            foreach (var p in u.Models)
            {
                if (p.IsExact && seen.Add(p.Text))
                {
                    data.Add(Model(p.Text, u.Name));
                }
            }
        }

        foreach (var u in runtime.Router.Upstreams)
        {
            if (u.Models.Count > 0 && u.Models.All(static p => p.IsExact))
            {
                continue;
            }

            foreach (var m in await ListAsync(u, http.RequestAborted).ConfigureAwait(false))
            {
                if (m.Prop("id").Str() is { } id && ReferenceEquals(runtime.Router.Select(id), u) && seen.Add(id))
                {
                    data.Add(m.DeepClone());
                }
            }
        }

        var doc = new JsonObject { ["object"] = "list", ["data"] = data };
        var bytes = ChatCompletionsHandler.SerializeUtf8(doc);
        http.Response.StatusCode = 200;
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = bytes.Length;
        await http.Response.Body.WriteAsync(bytes, http.RequestAborted).ConfigureAwait(false);
    }

    private static JsonObject Model(string id, string owner) => new()
    {
        ["id"] = id,
        ["object"] = "model",
        ["created"] = 0,
        ["owned_by"] = owner,
    };

    private async Task<List<JsonNode>> ListAsync(UpstreamOptions upstream, CancellationToken ct)
    {
        var list = new List<JsonNode>();
        using var call = await runtime.Upstreams.SendAsync(upstream, HttpMethod.Get, "models", ReadOnlyMemory<byte>.Empty, null, ct).ConfigureAwait(false);
        if (call.Response is not { IsSuccessStatusCode: true } response)
        {
            GatewayLog.UpstreamFailed(runtime.Log, upstream.Name, "could not list models: " + (call.Detail ?? $"status {(int?)call.Response?.StatusCode}"));
            return list;
        }

        try
        {
            using var body = new PooledBody(16 * 1024);
            await using var stream = await response.Content.ReadAsStreamAsync(call.Token).ConfigureAwait(false);
            if (!await body.ReadFromAsync(stream, MaxListBytes, call.Token).ConfigureAwait(false))
            {
                return list;
            }

            if (JsonBody.ParseObject(body.Span, out _).Prop("data") is JsonArray data)
            {
                foreach (var m in data)
                {
                    if (m is JsonObject o)
                    {
                        list.Add(o);
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException or JsonException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            GatewayLog.UpstreamFailed(runtime.Log, upstream.Name, "could not read the model list");
        }

        return list;
    }
}
