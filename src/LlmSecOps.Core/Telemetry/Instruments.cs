using System.Diagnostics.Metrics;

namespace LlmSecOps.Core.Telemetry;

/// <summary>
/// Every instrument the product records, named after the OpenTelemetry GenAI semantic
/// conventions where one exists (<c>gen_ai.*</c>) and under <c>llmsecops.*</c> otherwise. Tags
/// never carry a user, API key or IP address: those belong in events, not in metric labels.
/// </summary>
public static class Instruments
{
    /// <summary>GenAI client operation duration (seconds), tagged <c>gen_ai.operation.name</c>, <c>gen_ai.request.model</c>, <c>error.type</c>.</summary>
    public static Histogram<double> OperationDuration { get; } = Diagnostics.Meter.CreateHistogram<double>(
        "gen_ai.client.operation.duration", "s", "Duration of GenAI operations through the gateway.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92] });

    /// <summary>Tokens used (histogram per request), tagged <c>gen_ai.token.type</c> (input|output) and <c>gen_ai.request.model</c>.</summary>
    public static Histogram<long> TokenUsage { get; } = Diagnostics.Meter.CreateHistogram<long>(
        "gen_ai.client.token.usage", "{token}", "Number of input and output tokens used.",
        advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576] });

    /// <summary>Requests handled by the gateway, tagged <c>http.route</c>, <c>http.response.status_code</c>, <c>llmsecops.verdict</c>.</summary>
    public static Counter<long> GatewayRequests { get; } = Diagnostics.Meter.CreateCounter<long>(
        "llmsecops.gateway.requests", "{request}", "Requests handled by the guard gateway.");

    /// <summary>Time the upstream took (seconds), tagged <c>llmsecops.upstream</c>, <c>http.response.status_code</c>.</summary>
    public static Histogram<double> UpstreamDuration { get; } = Diagnostics.Meter.CreateHistogram<double>(
        "llmsecops.gateway.upstream.duration", "s", "Time spent waiting for the upstream model API.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] });

    /// <summary>Guard verdicts, tagged <c>llmsecops.direction</c>, <c>llmsecops.verdict</c>.</summary>
    public static Counter<long> Verdicts { get; } = Diagnostics.Meter.CreateCounter<long>(
        "llmsecops.guard.verdicts", "{verdict}", "Verdicts reached by the guard engine.");

    /// <summary>Findings acted on, tagged <c>llmsecops.direction</c>, <c>gen_ai.guardrail.category</c>, <c>llmsecops.action</c>.</summary>
    public static Counter<long> Findings { get; } = Diagnostics.Meter.CreateCounter<long>(
        "llmsecops.guard.findings", "{finding}", "Findings the policy acted on, by category and action.");

    /// <summary>Scanner duration (seconds), tagged <c>llmsecops.scanner</c>, <c>llmsecops.direction</c>.</summary>
    public static Histogram<double> ScannerDuration { get; } = Diagnostics.Meter.CreateHistogram<double>(
        "llmsecops.guard.scanner.duration", "s", "Time each scanner takes per text.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.000005, 0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05] });

    /// <summary>Mean per-token entropy of completions (nats), tagged <c>gen_ai.request.model</c>.</summary>
    public static Histogram<double> CompletionEntropy { get; } = Diagnostics.Meter.CreateHistogram<double>(
        "llmsecops.completion.entropy", "nats", "Mean per-token entropy of completions.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 2.5, 3, 4, 5] });

    /// <summary>Events written to the store.</summary>
    public static Counter<long> EventsWritten { get; } = Diagnostics.Meter.CreateCounter<long>(
        "llmsecops.events.written", "{event}", "Events committed to the event store.");

    /// <summary>Events the database refused that went to the disk spool.</summary>
    public static Counter<long> EventsSpooled { get; } = Diagnostics.Meter.CreateCounter<long>(
        "llmsecops.events.spooled", "{event}", "Events written to the disk spool because the database refused them.");
}
