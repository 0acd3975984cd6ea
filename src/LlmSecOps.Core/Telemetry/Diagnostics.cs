using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace LlmSecOps.Core.Telemetry;

/// <summary>
/// The product's one <see cref="Meter"/> and one <see cref="ActivitySource"/>. Exporters (the
/// Prometheus endpoint, OTLP) listen to these by name; nothing else creates instruments.
/// </summary>
public static class Diagnostics
{
    /// <summary>Name of the meter and the activity source.</summary>
    public const string Name = "LlmSecOps";

    /// <summary>The meter every instrument belongs to.</summary>
    public static Meter Meter { get; } = new(Name, typeof(Diagnostics).Assembly.GetName().Version?.ToString());

    /// <summary>The activity source for traces.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name, typeof(Diagnostics).Assembly.GetName().Version?.ToString());
}
