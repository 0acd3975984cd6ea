using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LlmSecOps.Benchmarks.Gateway;

/// <summary>
/// A fake OpenAI-compatible upstream for load measurements: reads the request and answers a
/// fixed chat completion at once, so what is measured is the gateway, not a model.
/// </summary>
internal sealed class LoopbackUpstream : IAsyncDisposable
{
    private static readonly byte[] Answer = Encoding.UTF8.GetBytes(
        "{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"bench-model\"," +
        "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Canberra is the capital of Australia. It was purpose-built as a compromise between Sydney and Melbourne and has been the seat of government since 1927.\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":\"stop\"}]," +
        "\"usage\":{\"prompt_tokens\":260,\"completion_tokens\":32,\"total_tokens\":292},\"system_fingerprint\":\"fp_bench\"}");

    private readonly WebApplication _app;

    private LoopbackUpstream(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>Base URL ending in <c>/v1/</c>.</summary>
    public Uri BaseUrl { get; }

    public static async Task<LoopbackUpstream> StartAsync(string url = "http://127.0.0.1:0")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/v1/chat/completions", static async (HttpContext http) =>
        {
            // Drain the body like a real server would.
            var buffer = new byte[8192];
            while (await http.Request.Body.ReadAsync(buffer, http.RequestAborted).ConfigureAwait(false) > 0)
            {
            }

            http.Response.ContentType = "application/json";
            http.Response.ContentLength = Answer.Length;
            await http.Response.Body.WriteAsync(Answer, http.RequestAborted).ConfigureAwait(false);
        });
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LoopbackUpstream(app, new Uri(address.TrimEnd('/') + "/v1/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
