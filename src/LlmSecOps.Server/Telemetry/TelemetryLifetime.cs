using LlmSecOps.Server.Telemetry.Prometheus;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;

namespace LlmSecOps.Server.Telemetry;

/// <summary>
/// Creates the exporters when the host starts, so the metrics listener sees measurements from
/// the first request on rather than from the first scrape, and flushes pending spans when the
/// host stops. The container disposes both afterwards.
/// </summary>
internal sealed class TelemetryLifetime(IServiceProvider services) : IHostedService
{
    private TracerProvider? _tracer;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<PrometheusExporter>();
        _tracer = services.GetService<TracerProvider>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (_tracer is null)
        {
            return Task.CompletedTask;
        }

        // Bounded: a collector that is down must not hold the shutdown.
        return Task.Run(() => _tracer.ForceFlush(5000), cancellationToken);
    }
}
