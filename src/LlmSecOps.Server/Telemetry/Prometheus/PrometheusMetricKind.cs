namespace LlmSecOps.Server.Telemetry.Prometheus;

/// <summary>The Prometheus <c># TYPE</c> a metric family is exposed as.</summary>
internal enum PrometheusMetricKind
{
    /// <summary>A monotonic cumulative sum; the name ends in <c>_total</c>.</summary>
    Counter,

    /// <summary>A value that goes up and down: up-down counters, gauges.</summary>
    Gauge,

    /// <summary>Explicit-bucket histogram: <c>_bucket{le}</c>, <c>_sum</c>, <c>_count</c>.</summary>
    Histogram,
}
