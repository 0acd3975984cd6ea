using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LlmSecOps.RedTeam.Tests.Fakes;

/// <summary>
/// A fake OpenAI-compatible model on real Kestrel (127.0.0.1, ephemeral port). The reply is
/// decided by a function of the request; every request is recorded for assertions.
/// </summary>
internal sealed class FakeLlmServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private readonly WebApplication _app;

    private FakeLlmServer(WebApplication app, string address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>e.g. http://127.0.0.1:41234</summary>
    public string Address { get; }

    /// <summary>The OpenAI-style base URL.</summary>
    public string BaseUrl => Address + "/v1";

    public ConcurrentQueue<FakeChatRequest> Requests { get; } = new();

    public static Task<FakeLlmServer> StartAsync(Func<FakeChatRequest, FakeReply> model) =>
        StartRawAsync(null, model);

    /// <summary>Starts a server with a raw handler for other paths (used by the templated-HTTP fake).</summary>
    public static async Task<FakeLlmServer> StartRawAsync(Func<HttpContext, Task>? raw, Func<FakeChatRequest, FakeReply>? model = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        FakeLlmServer? server = null;
        app.Run(async context =>
        {
            if (raw is not null)
            {
                await raw(context);
                return;
            }

            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var request = FakeChatRequest.Parse(body, context.Request.Headers["X-LlmSecOps-Attempt"].FirstOrDefault());
            server!.Requests.Enqueue(request);
            var reply = model!(request);
            if (reply.Delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(reply.Delay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            await WriteAsync(context, reply);
        });
        await app.StartAsync().WaitAsync(StartTimeout);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new FakeLlmServer(app, address.Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        return server;
    }

    public static async Task WriteAsync(HttpContext context, FakeReply reply)
    {
        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = "application/json";
        if (reply.RetryAfter is not null)
        {
            context.Response.Headers.RetryAfter = reply.RetryAfter;
        }

        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            if (reply.Status != 200)
            {
                w.WriteStartObject("error");
                w.WriteString("message", "fake upstream says " + (reply.ErrorCode ?? "error"));
                w.WriteString("type", reply.ErrorCode == "content_filter" ? "invalid_request_error" : "server_error");
                w.WriteString("code", reply.ErrorCode);
                w.WriteEndObject();
            }
            else
            {
                w.WriteString("id", "chatcmpl-fake");
                w.WriteString("object", "chat.completion");
                w.WriteString("model", "fake");
                w.WriteStartArray("choices");
                w.WriteStartObject();
                w.WriteNumber("index", 0);
                w.WriteStartObject("message");
                w.WriteString("role", "assistant");
                w.WriteString("content", reply.Text);
                if (reply.ToolCalls.Count > 0)
                {
                    w.WriteStartArray("tool_calls");
                    var i = 0;
                    foreach (var (name, args) in reply.ToolCalls)
                    {
                        w.WriteStartObject();
                        w.WriteString("id", "call_" + i++);
                        w.WriteString("type", "function");
                        w.WriteStartObject("function");
                        w.WriteString("name", name);
                        w.WriteString("arguments", args);
                        w.WriteEndObject();
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                }

                w.WriteEndObject();
                w.WriteString("finish_reason", reply.FinishReason ?? (reply.ToolCalls.Count > 0 ? "tool_calls" : "stop"));
                w.WriteEndObject();
                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        await context.Response.Body.WriteAsync(buffer.ToArray());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().WaitAsync(TimeSpan.FromSeconds(20));
        await _app.DisposeAsync();
    }
}
