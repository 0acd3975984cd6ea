using LlmSecOps.Core.Telemetry;

namespace LlmSecOps.Server.Tests.Telemetry;

/// <summary>
/// Records every product instrument once with the tags its documentation names, so tests can
/// look at the metric names and labels the exporter really produces. A per-call marker in one
/// label keeps the samples apart from anything other tests record at the same time.
/// </summary>
internal static class TelemetrySamples
{
    public static IReadOnlyList<string> RecordedInstrumentNames { get; } =
    [
        Instruments.OperationDuration.Name, Instruments.TokenUsage.Name, Instruments.GatewayRequests.Name,
        Instruments.UpstreamDuration.Name, Instruments.Verdicts.Name, Instruments.Findings.Name,
        Instruments.ScannerDuration.Name, Instruments.CompletionEntropy.Name, Instruments.EventsWritten.Name,
        Instruments.EventsSpooled.Name,
    ];

    public static void RecordEveryInstrument(string marker)
    {
        var model = "model-" + marker;
        Instruments.OperationDuration.Record(0.42, new("gen_ai.operation.name", "chat"), new("gen_ai.request.model", model));
        Instruments.OperationDuration.Record(1.5, new("gen_ai.operation.name", "chat"), new("gen_ai.request.model", model), new("error.type", "timeout"));
        Instruments.TokenUsage.Record(120, new("gen_ai.token.type", "input"), new("gen_ai.request.model", model));
        Instruments.TokenUsage.Record(30, new("gen_ai.token.type", "output"), new("gen_ai.request.model", model));
        Instruments.GatewayRequests.Add(1, new("http.route", "/v1/chat/completions"), new("http.response.status_code", 200), new("llmsecops.verdict", "allow"));
        Instruments.GatewayRequests.Add(1, new("http.route", "/v1/chat/completions"), new("http.response.status_code", 400), new("llmsecops.verdict", "block"));
        Instruments.GatewayRequests.Add(1, new("http.route", "/v1/chat/completions"), new("http.response.status_code", 502), new("llmsecops.verdict", "allow"));
        Instruments.UpstreamDuration.Record(0.3, new("llmsecops.upstream", "upstream-" + marker), new("http.response.status_code", 200));
        Instruments.Verdicts.Add(1, new("llmsecops.direction", "input"), new("llmsecops.verdict", "block"));
        Instruments.Verdicts.Add(1, new("llmsecops.direction", "output"), new("llmsecops.verdict", "allow"));
        foreach (var category in new[] { "jailbreak", "prompt_injection", "canary_leak", "secret" })
        {
            Instruments.Findings.Add(1, new("llmsecops.direction", "input"), new("gen_ai.guardrail.category", category), new("llmsecops.action", "block"));
        }

        Instruments.ScannerDuration.Record(0.00004, new("llmsecops.scanner", "scanner-" + marker), new("llmsecops.direction", "input"));
        Instruments.CompletionEntropy.Record(1.7, new KeyValuePair<string, object?>("gen_ai.request.model", model));
        Instruments.EventsWritten.Add(1);
        Instruments.EventsSpooled.Add(1);
    }
}
