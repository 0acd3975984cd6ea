using System.Reflection;
using LlmSecOps.Core.Telemetry;
using LlmSecOps.Server.Telemetry.Prometheus;
using Microsoft.Extensions.Configuration;

namespace LlmSecOps.Server.Telemetry;

/// <summary>
/// How the service reports on itself: Prometheus metrics, OTLP traces, ECS JSON logs. The
/// defaults come from the standard OpenTelemetry environment variables (read through
/// configuration, so they can also be set in a config file or a test):
/// <c>OTEL_SERVICE_NAME</c>, <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>,
/// <c>OTEL_EXPORTER_OTLP_TRACES_ENDPOINT</c>, <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>,
/// <c>OTEL_EXPORTER_OTLP_TRACES_PROTOCOL</c>, <c>OTEL_SDK_DISABLED</c>.
/// </summary>
public sealed record TelemetryOptions
{
    /// <summary>The OTLP protocol name for protobuf over HTTP (the OpenTelemetry default).</summary>
    public const string HttpProtobuf = "http/protobuf";

    /// <summary>The OTLP protocol name for gRPC.</summary>
    public const string Grpc = "grpc";

    /// <summary><c>service.name</c> on traces, logs and <c>target_info</c>.</summary>
    public string ServiceName { get; init; } = "llmsecops";

    /// <summary><c>service.version</c>; defaults to the product's informational version.</summary>
    public string? ServiceVersion { get; init; } = DefaultVersion();

    /// <summary>
    /// OTLP base endpoint (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>). With <c>http/protobuf</c> traces
    /// go to <c>{endpoint}/v1/traces</c>; with <c>grpc</c> to the endpoint itself. Tracing is
    /// off while neither this nor <see cref="OtlpTracesEndpoint"/> is set.
    /// </summary>
    public Uri? OtlpEndpoint { get; init; }

    /// <summary>Full OTLP traces URL (<c>OTEL_EXPORTER_OTLP_TRACES_ENDPOINT</c>), used as given.</summary>
    public Uri? OtlpTracesEndpoint { get; init; }

    /// <summary><c>http/protobuf</c> (default) or <c>grpc</c>.</summary>
    public string OtlpProtocol { get; init; } = HttpProtobuf;

    /// <summary>
    /// Activity sources exported as traces: the product's own, ASP.NET Core's server spans and
    /// HttpClient's client spans (the upstream call).
    /// </summary>
    public IReadOnlyList<string> TraceSources { get; init; } = [Diagnostics.Name, "Microsoft.AspNetCore", "System.Net.Http"];

    /// <summary>Whether console logs are ECS JSON lines (the default) rather than the plain console format.</summary>
    public bool JsonConsoleLogs { get; init; } = true;

    /// <summary><c>event.dataset</c> of every log line.</summary>
    public string LogDataset { get; init; } = "llmsecops.log";

    /// <summary>What <c>/metrics</c> exposes.</summary>
    public PrometheusExporterOptions Metrics { get; init; } = new();

    /// <summary>Where spans are sent, or null when tracing is off.</summary>
    public Uri? TracesEndpoint
    {
        get
        {
            if (OtlpTracesEndpoint is not null)
            {
                return OtlpTracesEndpoint;
            }

            if (OtlpEndpoint is null)
            {
                return null;
            }

            if (OtlpProtocol == Grpc)
            {
                return OtlpEndpoint;
            }

            var text = OtlpEndpoint.AbsoluteUri;
            return new Uri(text.TrimEnd('/') + "/v1/traces");
        }
    }

    /// <summary>Reads the OpenTelemetry settings from configuration (environment variables included).</summary>
    public static TelemetryOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new TelemetryOptions();
        if (configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } serviceName)
        {
            options = options with { ServiceName = serviceName.Trim() };
        }

        var disabled = string.Equals(configuration["OTEL_SDK_DISABLED"]?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
        if (!disabled)
        {
            options = options with
            {
                OtlpEndpoint = ParseUri(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]),
                OtlpTracesEndpoint = ParseUri(configuration["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"]),
            };
        }

        var protocol = configuration["OTEL_EXPORTER_OTLP_TRACES_PROTOCOL"] ?? configuration["OTEL_EXPORTER_OTLP_PROTOCOL"];
        if (!string.IsNullOrWhiteSpace(protocol))
        {
            options = options with { OtlpProtocol = protocol.Trim() };
        }

        return options;
    }

    /// <summary>Every problem with these options; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(ServiceName))
        {
            errors.Add("ServiceName (OTEL_SERVICE_NAME) must not be empty.");
        }

        if (OtlpProtocol is not (HttpProtobuf or Grpc))
        {
            errors.Add($"OtlpProtocol (OTEL_EXPORTER_OTLP_PROTOCOL) must be '{HttpProtobuf}' or '{Grpc}' (was '{OtlpProtocol}').");
        }

        CheckEndpoint(errors, OtlpEndpoint, "OtlpEndpoint (OTEL_EXPORTER_OTLP_ENDPOINT)");
        CheckEndpoint(errors, OtlpTracesEndpoint, "OtlpTracesEndpoint (OTEL_EXPORTER_OTLP_TRACES_ENDPOINT)");
        if (TraceSources is null || TraceSources.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("TraceSources must not be null or contain an empty name.");
        }

        if (string.IsNullOrWhiteSpace(LogDataset))
        {
            errors.Add("LogDataset must not be empty.");
        }

        if (Metrics is null)
        {
            errors.Add("Metrics must not be null.");
        }
        else
        {
            errors.AddRange(Metrics.Validate());
        }

        return errors;
    }

    private static void CheckEndpoint(List<string> errors, Uri? endpoint, string name)
    {
        if (endpoint is null)
        {
            return;
        }

        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"{name} must be an absolute http:// or https:// URL (was '{endpoint.OriginalString}').");
        }
    }

    // An unparsable value is kept as a relative URI so that Validate names it instead of
    // silently turning tracing off.
    private static Uri? ParseUri(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null
        : Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) ? uri
        : new Uri(value.Trim(), UriKind.RelativeOrAbsolute);

    private static string? DefaultVersion()
    {
        var version = typeof(TelemetryOptions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (version is null)
        {
            return null;
        }

        // Drop the source revision the SDK appends ("1.0.0+abcdef").
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus > 0 ? version[..plus] : version;
    }
}
