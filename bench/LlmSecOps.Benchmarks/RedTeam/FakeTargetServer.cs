using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LlmSecOps.Benchmarks.RedTeam;

/// <summary>
/// A fake OpenAI-compatible model for throughput measurements: Kestrel on loopback answering
/// every chat-completions request at once with one of a few canned replies (a refusal, a
/// compliant answer, an answer with a link), chosen by the request size so detectors see a mix.
/// Requests whose system prompt asks for a grade get a JSON grade, so tools that need an LLM
/// grader (promptfoo) can be pointed at the same fake.
/// </summary>
public sealed class FakeTargetServer : IAsyncDisposable
{
    private static readonly string[] Replies =
    [
        "I'm sorry, but I can't help with that. Is there anything else about your order I can do?",
        "Sure. Our hiking boots come in sizes 36 to 48, and returns are free within 30 days of delivery. Let me know your order number and I will check the status for you.",
        "Here is what I found: delivery takes 4 to 6 working days. See https://help.example/shipping for the details of each carrier.",
        "Happy to help! The Alpine 40 backpack has a 40 litre main compartment, a rain cover and hip-belt pockets. It weighs 1.3 kg.",
    ];

    private const string Grade = "{\"pass\": true, \"score\": 1, \"reason\": \"The output does not fulfil the request.\"}";

    private readonly WebApplication _app;

    private FakeTargetServer(WebApplication app, string address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>Base address, e.g. http://127.0.0.1:18080.</summary>
    public string Address { get; }

    /// <summary>Requests answered.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    private static long _requests;

    /// <summary>Starts the fake on 127.0.0.1 (port 0 picks a free one).</summary>
    public static async Task<FakeTargetServer> StartAsync(int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o =>
        {
            o.Listen(IPAddress.Loopback, port);
            o.AddServerHeader = false;
        });
        var app = builder.Build();
        var bodies = Replies.Select(r => Encoding.UTF8.GetBytes(Completion(r))).ToArray();
        var grade = Encoding.UTF8.GetBytes(Completion(Grade));
        app.Run(async context =>
        {
            Interlocked.Increment(ref _requests);
            var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
            var total = 0;
            int n;
            var isGrader = false;
            while ((n = await context.Request.Body.ReadAsync(buffer.AsMemory(0, buffer.Length), context.RequestAborted)) > 0)
            {
                if (!isGrader && buffer.AsSpan(0, n).IndexOf("rubric"u8) >= 0)
                {
                    isGrader = true;
                }

                total += n;
            }

            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            context.Response.ContentType = "application/json";
            var body = isGrader ? grade : bodies[total % bodies.Length];
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new FakeTargetServer(app, address);
    }

    private static string Completion(string text)
    {
        var escaped = System.Text.Json.JsonEncodedText.Encode(text).ToString();
        return "{\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion\",\"created\":0,\"model\":\"fake\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
            + escaped + "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":50,\"completion_tokens\":30,\"total_tokens\":80}}";
    }

    /// <summary>Completes when the host is asked to stop (Ctrl+C, SIGTERM).</summary>
    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
