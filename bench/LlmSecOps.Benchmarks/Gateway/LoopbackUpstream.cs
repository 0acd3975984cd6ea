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

    /// <summary>Delay between streamed tokens.</summary>
    public static TimeSpan TokenInterval { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Tokens in a streamed answer.</summary>
    public static int StreamTokens { get; set; } = 200;

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
            var read = 0;
            int n;
            while ((n = await http.Request.Body.ReadAsync(buffer.AsMemory(Math.Min(read, buffer.Length - 1)), http.RequestAborted).ConfigureAwait(false)) > 0)
            {
                read += n;
            }

            if (buffer.AsSpan(0, Math.Min(read, buffer.Length)).IndexOf("\"stream\":true"u8) >= 0)
            {
                await StreamAsync(http).ConfigureAwait(false);
                return;
            }

            http.Response.ContentType = "application/json";
            http.Response.ContentLength = Answer.Length;
            await http.Response.Body.WriteAsync(Answer, http.RequestAborted).ConfigureAwait(false);
        });
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LoopbackUpstream(app, new Uri(address.TrimEnd('/') + "/v1/"));
    }

    /// <summary>Streams <see cref="StreamTokens"/> five-character tokens, one every <see cref="TokenInterval"/>.</summary>
    private static async Task StreamAsync(HttpContext http)
    {
        http.Response.ContentType = "text/event-stream";
        var head = "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"bench-model\",\"choices\":[{\"index\":0,\"delta\":{";
        await http.Response.WriteAsync(head + "\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n", http.RequestAborted).ConfigureAwait(false);
        await http.Response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
        for (var i = 0; i < StreamTokens; i++)
        {
            await Task.Delay(TokenInterval, http.RequestAborted).ConfigureAwait(false);
            await http.Response.WriteAsync(head + "\"content\":\"word \"},\"finish_reason\":null}]}\n\n", http.RequestAborted).ConfigureAwait(false);
            await http.Response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
        }

        await http.Response.WriteAsync(head + "},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n", http.RequestAborted).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
