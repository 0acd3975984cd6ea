using Microsoft.Extensions.Logging;

namespace LlmSecOps.Server.Telemetry.Prometheus;

/// <summary>Log messages of the Prometheus exporter.</summary>
internal static partial class PrometheusExporterLog
{
    [LoggerMessage(EventId = 9001, EventName = "MetricNameConflict", Level = LogLevel.Warning,
        Message = "Instrument {InstrumentName} of meter {MeterName} is not exported: the Prometheus name {MetricName} is already taken by a metric of another type or shape.")]
    public static partial void NameConflict(ILogger logger, string meterName, string instrumentName, string metricName);

    [LoggerMessage(EventId = 9002, EventName = "MetricSeriesOverflow", Level = LogLevel.Warning,
        Message = "Metric {MetricName} reached {MaxSeries} series; further label sets are counted under otel_metric_overflow=\"true\".")]
    public static partial void SeriesOverflow(ILogger logger, string metricName, int maxSeries);
}
