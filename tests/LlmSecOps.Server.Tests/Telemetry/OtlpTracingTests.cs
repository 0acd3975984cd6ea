using System.Diagnostics;
using System.Net;
using LlmSecOps.Core.Telemetry;
using LlmSecOps.Server.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;

namespace LlmSecOps.Server.Tests.Telemetry;

public sealed class OtlpTracingTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task OtlpEndpointConfigured_GenAiSpanIsExportedAsHttpProtobuf()
    {
        await using var collector = await FakeOtlpCollector.StartAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();

        // The standard variable names, given through configuration instead of the process
        // environment so parallel tests cannot see each other's settings.
        builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.BaseAddress.ToString();
        builder.Configuration["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        builder.Configuration["OTEL_SERVICE_NAME"] = "otlp-under-test";

        // Only the product's own source: the collector runs in this process, and exporting
        // its server spans would feed the exporter its own traffic.
        builder.AddLlmSecOpsTelemetry(o => o with { TraceSources = [Diagnostics.Name], JsonConsoleLogs = false });
        await using var app = builder.Build();
        await app.StartAsync().WaitAsync(Deadline);

        var name = "chat " + Guid.NewGuid().ToString("N");
        string traceId;
        using (var activity = Diagnostics.ActivitySource.StartActivity(name, ActivityKind.Client))
        {
            Assert.NotNull(activity);
            traceId = activity.TraceId.ToHexString();
            activity.SetTag("gen_ai.operation.name", "chat");
            activity.SetTag("gen_ai.request.model", "model-under-test");
            activity.SetTag("gen_ai.usage.input_tokens", 42);
            activity.SetTag("gen_ai.guardrail.decision", "block");
            activity.SetTag("gen_ai.guardrail.categories", "prompt_injection");
        }

        var tracer = app.Services.GetRequiredService<TracerProvider>();
        Assert.True(await Task.Run(() => tracer.ForceFlush(20_000)).WaitAsync(Deadline), "ForceFlush did not complete.");
        var span = await WaitForSpanAsync(collector, name);

        Assert.All(collector.Requests, r => Assert.Equal("/v1/traces", r.Path));
        Assert.All(collector.Requests, r => Assert.Equal("application/x-protobuf", r.ContentType));
        Assert.Equal(traceId, span.TraceId);
        Assert.Equal("chat", span.Attributes["gen_ai.operation.name"]);
        Assert.Equal("model-under-test", span.Attributes["gen_ai.request.model"]);
        Assert.Equal(42L, span.Attributes["gen_ai.usage.input_tokens"]);
        Assert.Equal("block", span.Attributes["gen_ai.guardrail.decision"]);
        Assert.Equal("otlp-under-test", span.Resource["service.name"]);
        await app.StopAsync().WaitAsync(Deadline);
    }

    [Fact]
    public async Task NoOtlpEndpoint_RegistersNoTracerProvider()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.AddLlmSecOpsTelemetry(o => o with { OtlpEndpoint = null, OtlpTracesEndpoint = null, JsonConsoleLogs = false });
        await using var app = builder.Build();

        Assert.Null(app.Services.GetService<TracerProvider>());
    }

    private static async Task<OtlpSpan> WaitForSpanAsync(FakeOtlpCollector collector, string name)
    {
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < Deadline)
        {
            var span = collector.Spans().FirstOrDefault(s => s.Name == name);
            if (span is not null)
            {
                return span;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"No span named '{name}' arrived; {collector.Requests.Count} export request(s) received.");
        return null!;
    }
}
