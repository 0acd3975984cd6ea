using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Guard;
using LlmSecOps.Server.Gateway.Configuration;
using LlmSecOps.Server.Gateway.Events;
using LlmSecOps.Server.Gateway.Http;

namespace LlmSecOps.Server.Gateway.Opa;

/// <summary>
/// Asks an OPA server for the decision over its REST Data API: <c>POST /v1/data/&lt;path&gt;</c>
/// with <c>{"input": …}</c>. The answer's <c>result</c> may be a boolean, or an object with
/// <c>allow</c> and <c>reasons</c> (or <c>deny</c> messages, where any message denies). An
/// undefined result, an error or a timeout is decided by <c>fail_open</c>.
/// </summary>
internal sealed class OpaClient : IDisposable
{
    private const int MaxResponseBytes = 1 << 20;
    private readonly OpaOptions _options;
    private readonly HttpClient _client;

    public OpaClient(OpaOptions options)
    {
        _options = options;
        _client = new HttpClient(new SocketsHttpHandler
        {
            ConnectTimeout = options.Timeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            UseProxy = false,
            AllowAutoRedirect = false,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>Asks for a decision about an exchange.</summary>
    public async Task<OpaDecision> DecideAsync(Exchange ex, IReadOnlyList<string>? toolsRemoved, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(_options.Timeout);
        try
        {
            using var content = new ByteArrayContent(BuildInput(ex, toolsRemoved));
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using var response = await _client.PostAsync(_options.DecisionUrl, content, cts.Token).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return Fail($"OPA answered {(int)response.StatusCode}");
            }

            using var body = new PooledBody(4096);
            await using var stream = await response.Content.ReadAsStreamAsync(cts.Token).ConfigureAwait(false);
            if (!await body.ReadFromAsync(stream, MaxResponseBytes, cts.Token).ConfigureAwait(false))
            {
                return Fail("OPA answer too large");
            }

            return Interpret(body.Span);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Fail($"OPA did not answer within {_options.Timeout.TotalMilliseconds:0} ms");
        }
        catch (HttpRequestException)
        {
            return Fail("OPA could not be reached");
        }
    }

    /// <summary>Reads a Data API answer.</summary>
    internal OpaDecision Interpret(ReadOnlySpan<byte> utf8)
    {
        var doc = JsonBody.ParseObject(utf8, out var error);
        if (doc is null)
        {
            return Fail("OPA sent invalid JSON: " + error);
        }

        if (!doc.TryGetPropertyValue("result", out var result) || result is null)
        {
            return Fail("OPA's decision is undefined (no 'result'); check the policy path");
        }

        if (result.Bool() is { } allowed)
        {
            return new OpaDecision(allowed, allowed ? [] : ["denied by policy"], null);
        }

        if (result is not JsonObject obj)
        {
            return Fail("OPA's result is neither a boolean nor an object");
        }

        var reasons = new List<string>();
        foreach (var key in new[] { "reasons", "deny" })
        {
            switch (obj.Prop(key))
            {
                case JsonArray list:
                    foreach (var item in list)
                    {
                        if (item.Str() is { } s && reasons.Count < 16)
                        {
                            reasons.Add(s.Length > 200 ? s[..200] : s);
                        }
                    }

                    break;
                case JsonValue v when v.Str() is { } one:
                    reasons.Add(one.Length > 200 ? one[..200] : one);
                    break;
            }
        }

        var denyNode = obj.Prop("deny");
        var denies = denyNode is JsonArray { Count: > 0 } || denyNode.Str() is { Length: > 0 } || denyNode.Bool() == true;
        var allow = obj.Prop("allow").Bool();
        if (allow is null && obj.Prop("deny") is null)
        {
            return Fail("OPA's result has neither 'allow' nor 'deny'");
        }

        var ok = (allow ?? true) && !denies;
        return new OpaDecision(ok, ok ? [] : reasons.Count > 0 ? reasons : ["denied by policy"], null);
    }

    private OpaDecision Fail(string error) => new(_options.FailOpen, [], error);

    private static byte[] BuildInput(Exchange ex, IReadOnlyList<string>? toolsRemoved)
    {
        using var buffer = new MemoryStream(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartObject("input");
            w.WriteString("operation", ex.Operation);
            w.WriteStartObject("principal");
            var p = ex.Principal;
            WriteNullable(w, "user", p?.UserId);
            WriteNullable(w, "tenant", p?.Tenant);
            WriteNullable(w, "api_key_id", p?.ApiKeyId);
            WriteNullable(w, "client_ip", p?.ClientIp);
            w.WriteStartArray("roles");
            foreach (var r in p?.Roles ?? [])
            {
                w.WriteStringValue(r);
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartObject("route");
            w.WriteString("name", ex.RouteName);
            w.WriteString("path", ex.Path);
            w.WriteEndObject();
            WriteNullable(w, "model", ex.Model);
            WriteNullable(w, "upstream", ex.Upstream?.Name);
            w.WriteBoolean("stream", ex.Stream);
            w.WriteStartArray("findings");
            foreach (var f in ex.Findings)
            {
                w.WriteStartObject();
                w.WriteString("category", f.Category);
                w.WriteString("rule", f.Rule);
                w.WriteString("action", f.Action.ToString().ToLowerInvariant());
                w.WriteString("severity", f.Severity.ToString().ToLowerInvariant());
                w.WriteNumber("score", f.Score);
                if (f.MessageIndex is { } mi)
                {
                    w.WriteNumber("message_index", mi);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartObject("tools");
            w.WriteStartArray("offered");
            foreach (var t in ex.ToolsOffered ?? [])
            {
                w.WriteStringValue(t);
            }

            w.WriteEndArray();
            w.WriteStartArray("removed");
            foreach (var t in toolsRemoved ?? [])
            {
                w.WriteStringValue(t);
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteString("verdict", GuardEngine.VerdictName(ex.Verdict));
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();
}
