using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LlmSecOps.Server.Tests.Telemetry;

/// <summary>
/// A fake OpenTelemetry collector for tests: Kestrel on 127.0.0.1 accepting OTLP/HTTP
/// protobuf trace exports at <c>POST /v1/traces</c>, keeping each request for inspection.
/// </summary>
internal sealed class FakeOtlpCollector : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly WebApplication _app;

    private FakeOtlpCollector(WebApplication app, Uri address)
    {
        _app = app;
        BaseAddress = address;
    }

    public Uri BaseAddress { get; }

    public ConcurrentQueue<OtlpRequest> Requests { get; } = new();

    public static async Task<FakeOtlpCollector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeOtlpCollector? collector = null;
        app.MapPost("/v1/traces", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            collector!.Requests.Enqueue(new OtlpRequest(context.Request.Path, context.Request.ContentType, body.ToArray()));
            context.Response.ContentType = "application/x-protobuf";
        });
        await app.StartAsync().WaitAsync(Timeout);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        collector = new FakeOtlpCollector(app, new Uri(address));
        return collector;
    }

    /// <summary>Every span received so far, with its resource attributes.</summary>
    public IEnumerable<OtlpSpan> Spans()
    {
        foreach (var request in Requests)
        {
            foreach (var resourceSpans in ProtoReader.All(request.Body, 1))
            {
                var resource = ProtoReader.All(resourceSpans, 1).FirstOrDefault();
                var resourceAttributes = ProtoReader.Attributes(resource, 1);
                foreach (var scopeSpans in ProtoReader.All(resourceSpans, 2))
                {
                    foreach (var span in ProtoReader.All(scopeSpans, 2))
                    {
                        yield return new OtlpSpan(
                            ProtoReader.String(span, 5) ?? string.Empty,
                            Convert.ToHexStringLower(ProtoReader.All(span, 1).First().Span),
                            ProtoReader.Attributes(span, 9),
                            resourceAttributes);
                    }
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().WaitAsync(Timeout);
        await _app.DisposeAsync();
    }
}
