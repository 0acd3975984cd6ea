using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LlmSecOps.Lint.Tests.Support;

/// <summary>
/// A fake OpenAI-compatible upstream on Kestrel (127.0.0.1, ephemeral port) that records every
/// chat request body and answers with one fixed assistant message.
/// </summary>
internal sealed class FakeLlmUpstream : IAsyncDisposable
{
    private const string Reply = """
        {"id":"chatcmpl-fake-1","object":"chat.completion","created":1700000000,"model":"gpt-4o-2024-08-06",
         "choices":[{"index":0,"message":{"role":"assistant","content":"Restart the router, then check the status page."},"finish_reason":"stop"}],
         "usage":{"prompt_tokens":12,"completion_tokens":9,"total_tokens":21}}
        """;

    private readonly WebApplication _app;

    private FakeLlmUpstream(WebApplication app)
    {
        _app = app;
    }

    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>The base URL with <c>/v1</c>.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    public static async Task<FakeLlmUpstream> StartAsync(CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeLlmUpstream(app);
        app.MapPost("/v1/chat/completions", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            fake.Requests.Enqueue(await reader.ReadToEndAsync(http.RequestAborted));
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(Reply, http.RequestAborted);
        });
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseUrl = address.TrimEnd('/') + "/v1";
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(cts.Token);
        await _app.DisposeAsync();
    }
}
