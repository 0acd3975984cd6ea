using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using LlmSecOps.Core.Telemetry;
using LlmSecOps.Server.Tests.Infrastructure;

namespace LlmSecOps.Server.Tests.Gateway;

public sealed class GatewayTelemetryTests
{
    [Fact]
    public async Task Metrics_AfterARequest_ShowGatewayCountersWithoutPrincipalLabels()
    {
        await using var gw = await TestGateway.StartAsync();
        using var chat = await gw.ChatAsync(TestGateway.Chat("Hello"), null);
        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
        _ = await gw.Events.SingleAsync();

        using var metrics = await gw.Client.GetAsync("/metrics").WaitAsync(TestGateway.Timeout);
        var text = await metrics.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Contains("llmsecops_gateway_requests_total{", text, StringComparison.Ordinal);
        Assert.Contains("http_route=\"/v1/chat/completions\"", text, StringComparison.Ordinal);
        Assert.Contains("llmsecops_gateway_upstream_duration_seconds_bucket", text, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trace_ChatSpan_CarriesGenAiAndGuardrailAttributesAndTheEventId()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == Diagnostics.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var gw = await TestGateway.StartAsync();

        using var response = await gw.ChatAsync(TestGateway.Chat("token tok-abc123def456"));
        var evt = await gw.Events.SingleAsync();

        var chat = Assert.Single(spans, s => (s.GetTagItem("llmsecops.event.id") as string) == evt.Id.ToString());
        Assert.Equal("chat gpt-test", chat.DisplayName);
        Assert.Equal(ActivityKind.Client, chat.Kind);
        Assert.Equal("chat", chat.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("gpt-test", chat.GetTagItem("gen_ai.request.model"));
        Assert.Equal("gpt-test-2025-01-01", chat.GetTagItem("gen_ai.response.model"));
        Assert.Equal(21, chat.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(13, chat.GetTagItem("gen_ai.usage.output_tokens"));
        Assert.Equal(new[] { "stop" }, chat.GetTagItem("gen_ai.response.finish_reasons"));
        Assert.Equal("redact", chat.GetTagItem("gen_ai.guardrail.decision"));
        Assert.Equal(new[] { "secret" }, chat.GetTagItem("gen_ai.guardrail.categories"));
        Assert.Equal(evt.TraceId, chat.TraceId.ToHexString());
        var input = Assert.Single(spans, s => s.ParentSpanId == chat.SpanId && s.DisplayName == "guard input");
        Assert.Equal("input", input.GetTagItem("gen_ai.guardrail.direction"));
        Assert.Contains(input.Events, e => e.Name == "gen_ai.guardrail.finding");
        Assert.DoesNotContain(chat.TagObjects, t => t.Value is string v && v.Contains("tok-abc123def456", StringComparison.Ordinal));
    }
}
