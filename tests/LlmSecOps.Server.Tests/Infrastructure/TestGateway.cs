using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using LlmSecOps.Core.Policy;
using LlmSecOps.Guard;
using LlmSecOps.Server.Gateway;
using LlmSecOps.Server.Gateway.Configuration;
using Microsoft.Extensions.Logging;

namespace LlmSecOps.Server.Tests.Infrastructure;

/// <summary>A gateway on 127.0.0.1:0 in front of a <see cref="FakeUpstream"/>, with an in-test event sink.</summary>
internal sealed class TestGateway : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private TestGateway(GatewayHost host, FakeUpstream upstream, CollectingEventSink events)
    {
        Host = host;
        Upstream = upstream;
        Events = events;
        Client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = Timeout };
    }

    public GatewayHost Host { get; }

    public FakeUpstream Upstream { get; }

    public CollectingEventSink Events { get; }

    public HttpClient Client { get; }

    /// <summary>Starts a fake upstream and a gateway in front of it.</summary>
    public static async Task<TestGateway> StartAsync(
        Func<GatewayOptions, GatewayOptions>? configure = null,
        GuardPolicy? policy = null,
        bool realScanners = false,
        FakeUpstream? upstream = null)
    {
        upstream ??= await FakeUpstream.StartAsync();
        policy ??= GuardPolicy.Default;
        var engine = realScanners ? GuardEngine.Create(policy) : new GuardEngine(policy, [new MarkerScanner()]);
        var options = GatewayOptions.ForUpstream(upstream.BaseUrl, "upstream-secret-key") with { };
        options = options with
        {
            Upstreams = [options.Upstreams[0] with { RetryDelay = TimeSpan.FromMilliseconds(10) }],
        };
        options = configure?.Invoke(options) ?? options;
        var events = new CollectingEventSink();
        var host = GatewayHost.Create(new GatewayHostSettings
        {
            Options = options,
            Engine = engine,
            Sink = events,
            Urls = "http://127.0.0.1:0",
            MinimumLogLevel = LogLevel.Warning,
        });
        await host.StartAsync().WaitAsync(Timeout);
        return new TestGateway(host, upstream, events);
    }

    /// <summary>A chat request body.</summary>
    public static JsonObject Chat(string user, string? system = "You are a helpful travel assistant.", bool stream = false)
    {
        var messages = new JsonArray();
        if (system is not null)
        {
            messages.Add(new JsonObject { ["role"] = "system", ["content"] = system });
        }

        messages.Add(new JsonObject { ["role"] = "user", ["content"] = user });
        var body = new JsonObject { ["model"] = "gpt-test", ["messages"] = messages };
        if (stream)
        {
            body["stream"] = true;
        }

        return body;
    }

    public Task<HttpResponseMessage> PostAsync(string path, JsonNode body, string? apiKey = null, IReadOnlyDictionary<string, string>? headers = null) =>
        PostRawAsync(path, body.ToJsonString(), "application/json", apiKey, headers);

    public async Task<HttpResponseMessage> PostRawAsync(string path, string body, string contentType, string? apiKey = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        foreach (var (k, v) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(k, v);
        }

        return await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WaitAsync(Timeout);
    }

    public Task<HttpResponseMessage> ChatAsync(JsonObject body, string? apiKey = null) => PostAsync("/v1/chat/completions", body, apiKey);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.StopAsync().WaitAsync(Timeout);
        await Host.DisposeAsync();
        await Upstream.DisposeAsync();
    }
}
