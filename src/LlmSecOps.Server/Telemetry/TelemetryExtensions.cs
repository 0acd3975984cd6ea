using System.Diagnostics.Metrics;
using LlmSecOps.Server.Telemetry.Logging;
using LlmSecOps.Server.Telemetry.Prometheus;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace LlmSecOps.Server.Telemetry;

/// <summary>Registers the service's metrics, traces and logs, and maps the Prometheus endpoint.</summary>
public static class TelemetryExtensions
{
    /// <summary>
    /// Registers the Prometheus exporter, ECS JSON console logs and, when an OTLP endpoint is
    /// configured (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c> or <see cref="TelemetryOptions.OtlpEndpoint"/>),
    /// an OTLP trace exporter for the product's activity source. Options start from
    /// <see cref="TelemetryOptions.FromConfiguration"/>; <paramref name="configure"/> may
    /// replace any of them. Invalid options throw <see cref="OptionsValidationException"/>
    /// listing every problem.
    /// </summary>
    public static WebApplicationBuilder AddLlmSecOpsTelemetry(this WebApplicationBuilder builder, Func<TelemetryOptions, TelemetryOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Services.Any(static d => d.ServiceType == typeof(TelemetryOptions)))
        {
            throw new InvalidOperationException("AddLlmSecOpsTelemetry was already called on this builder.");
        }

        var options = TelemetryOptions.FromConfiguration(builder.Configuration);
        if (configure is not null)
        {
            options = configure(options);
        }

        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(nameof(TelemetryOptions), typeof(TelemetryOptions), errors);
        }

        var services = builder.Services;
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new PrometheusExporter(
            options.Metrics,
            [new("service.name", options.ServiceName), new("service.version", options.ServiceVersion)],
            sp.GetService<IMeterFactory>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("LlmSecOps.Telemetry.Prometheus")));

        if (options.JsonConsoleLogs)
        {
            builder.Logging.AddConsole(console => console.FormatterName = EcsJsonConsoleFormatter.FormatterName);
            builder.Logging.AddConsoleFormatter<EcsJsonConsoleFormatter, EcsJsonConsoleFormatterOptions>(ecs =>
            {
                ecs.ServiceName = options.ServiceName;
                ecs.ServiceVersion = options.ServiceVersion;
                ecs.EventDataset = options.LogDataset;
                ecs.IncludeScopes = true;
            });
        }

        if (options.TracesEndpoint is { } endpoint)
        {
            services.AddSingleton(_ => BuildTracerProvider(options, endpoint));
        }

        services.AddHostedService<TelemetryLifetime>();
        return builder;
    }

    /// <summary>
    /// Serves the Prometheus text exposition at <paramref name="path"/> (GET). Requires
    /// <see cref="AddLlmSecOpsTelemetry"/>.
    /// </summary>
    public static IEndpointConventionBuilder MapPrometheusMetrics(this IEndpointRouteBuilder endpoints, string path = "/metrics")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (string.IsNullOrWhiteSpace(path) || !path.StartsWith('/'))
        {
            throw new ArgumentException($"The metrics path must start with '/' (was '{path}').", nameof(path));
        }

        var exporter = endpoints.ServiceProvider.GetService<PrometheusExporter>()
            ?? throw new InvalidOperationException("Call AddLlmSecOpsTelemetry on the builder before MapPrometheusMetrics.");
        return endpoints.MapGet(path, context => WriteMetricsAsync(context, exporter));
    }

    private static async Task WriteMetricsAsync(HttpContext context, PrometheusExporter exporter)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = PrometheusExporter.ContentType;
        response.Headers.CacheControl = "no-store";

        // Rendered straight into the response pipe; the pipe holds it until the flush.
        exporter.Collect(response.BodyWriter);
        await response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    private static TracerProvider BuildTracerProvider(TelemetryOptions options, Uri endpoint)
    {
        var builder = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateDefault().AddService(options.ServiceName, serviceVersion: options.ServiceVersion));
        foreach (var source in options.TraceSources)
        {
            builder.AddSource(source);
        }

        return builder
            .AddOtlpExporter(otlp =>
            {
                otlp.Endpoint = endpoint;
                otlp.Protocol = options.OtlpProtocol == TelemetryOptions.Grpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
            })
            .Build()!;
    }
}
