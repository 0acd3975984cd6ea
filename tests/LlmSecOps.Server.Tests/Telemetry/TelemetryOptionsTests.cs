using LlmSecOps.Server.Telemetry;
using LlmSecOps.Server.Telemetry.Prometheus;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace LlmSecOps.Server.Tests.Telemetry;

public sealed class TelemetryOptionsTests
{
    private static TelemetryOptions From(params (string Key, string Value)[] settings) =>
        TelemetryOptions.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build());

    [Fact]
    public void FromConfiguration_Nothing_MeansNoTracing()
    {
        var options = From();

        Assert.Null(options.TracesEndpoint);
        Assert.Equal("llmsecops", options.ServiceName);
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void FromConfiguration_BaseEndpointWithHttpProtobuf_AppendsSignalPath()
    {
        var options = From(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/"), ("OTEL_SERVICE_NAME", "edge-gateway"));

        Assert.Equal(new Uri("http://collector:4318/v1/traces"), options.TracesEndpoint);
        Assert.Equal("edge-gateway", options.ServiceName);
    }

    [Fact]
    public void FromConfiguration_Grpc_UsesEndpointAsGiven_AndTracesEndpointWins()
    {
        Assert.Equal(new Uri("http://collector:4317/"), From(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317"), ("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")).TracesEndpoint);
        Assert.Equal(
            new Uri("https://traces.example/custom/path"),
            From(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"), ("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "https://traces.example/custom/path")).TracesEndpoint);
    }

    [Fact]
    public void FromConfiguration_SdkDisabled_TurnsTracingOff()
    {
        Assert.Null(From(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"), ("OTEL_SDK_DISABLED", "true")).TracesEndpoint);
    }

    [Fact]
    public void Validate_ReportsEveryProblemTogether()
    {
        var options = From(("OTEL_EXPORTER_OTLP_ENDPOINT", "not a url"), ("OTEL_EXPORTER_OTLP_PROTOCOL", "carrier-pigeon")) with
        {
            ServiceName = " ",
            Metrics = new PrometheusExporterOptions { Meters = [], MaxSeriesPerInstrument = 0 },
        };

        var errors = options.Validate();

        Assert.Equal(5, errors.Count);
        Assert.Contains(errors, e => e.Contains("OTEL_SERVICE_NAME", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("carrier-pigeon", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("not a url", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Meters", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("MaxSeriesPerInstrument", StringComparison.Ordinal));
    }

    [Fact]
    public void AddLlmSecOpsTelemetry_InvalidOptions_ThrowsWithAllErrors()
    {
        var builder = WebApplication.CreateSlimBuilder();

        var error = Assert.Throws<OptionsValidationException>(() => builder.AddLlmSecOpsTelemetry(o => o with { ServiceName = "", OtlpProtocol = "udp" }));

        Assert.Equal(2, error.Failures.Count());
    }
}
