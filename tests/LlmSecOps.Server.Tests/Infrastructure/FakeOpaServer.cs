using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LlmSecOps.Server.Tests.Infrastructure;

/// <summary>
/// A fake OPA server speaking the documented Data API: <c>POST /v1/data/{path}</c> with
/// <c>{"input": …}</c>, answering <c>{"result": …}</c>. The test decides the result from the input.
/// </summary>
internal sealed class FakeOpaServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeOpaServer(WebApplication app)
    {
        _app = app;
    }

    public ConcurrentQueue<(string Path, JsonObject Input)> Queries { get; } = new();

    /// <summary>The result document for an input; null answers <c>{}</c> (undefined).</summary>
    public Func<JsonObject, JsonNode?> Decide { get; set; } = _ => true;

    public TimeSpan Delay { get; set; }

    public Uri Url { get; private set; } = null!;

    public static async Task<FakeOpaServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var opa = new FakeOpaServer(app);
        app.MapPost("/v1/data/{**path}", async (HttpContext ctx, string path) =>
        {
            var doc = await JsonNode.ParseAsync(ctx.Request.Body, cancellationToken: ctx.RequestAborted);
            var input = (JsonObject)doc!["input"]!;
            opa.Queries.Enqueue((path, input));
            if (opa.Delay > TimeSpan.Zero)
            {
                await Task.Delay(opa.Delay, ctx.RequestAborted);
            }

            var result = opa.Decide(input);
            var answer = result is null ? new JsonObject() : new JsonObject { ["result"] = result };
            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync(answer.ToJsonString());
        });
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(15));
        opa.Url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return opa;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().WaitAsync(TimeSpan.FromSeconds(15));
        await _app.DisposeAsync();
    }
}
