using System.Diagnostics.Metrics;
using LlmSecOps.Core.Telemetry;
using LlmSecOps.Server.Telemetry;
using Microsoft.AspNetCore.Builder;

namespace LlmSecOps.Server.Tests.Telemetry;

public sealed class MetricsEndpointTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task GetMetrics_ServesTextExposition_WithContentTypeAndRecordedSeries()
    {
        await using var host = await MetricsTestHost.StartAsync();
        var route = "/endpoint-test/" + Guid.NewGuid().ToString("N");
        Instruments.GatewayRequests.Add(4, new("http.route", route), new("http.response.status_code", 200), new("llmsecops.verdict", "allow"));

        using var response = await host.Client.GetAsync(new Uri("/metrics", UriKind.Relative)).WaitAsync(Timeout);
        var text = await response.Content.ReadAsStringAsync().WaitAsync(Timeout);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var exposition = Exposition.Parse(text);
        Assert.Equal(4, exposition.Single("llmsecops_gateway_requests_total", ("http_route", route), ("http_response_status_code", "200"), ("llmsecops_verdict", "allow")));
        Assert.Equal(1, exposition.Single("target_info", ("service_name", "llmsecops")));
    }

    [Fact]
    public async Task GetMetrics_IncludesAspNetCoreAndRuntimeMetrics_WithoutAddressLabels()
    {
        await using var host = await MetricsTestHost.StartAsync();
        Assert.Equal("pong", await host.Client.GetStringAsync(new Uri("/ping", UriKind.Relative)).WaitAsync(Timeout));

        var text = await host.ScrapeAsync();
        var exposition = Exposition.Parse(text);

        Assert.Contains(exposition.Find("http_server_request_duration_seconds_count", ("http_route", "/ping")), s => s.Value >= 1);
        Assert.NotEmpty(exposition.Find("dotnet_gc_heap_total_allocated_bytes_total"));
        Assert.NotEmpty(exposition.Find("dotnet_process_cpu_time_seconds_total"));
        Assert.DoesNotContain(exposition.Samples, s => s.Labels.ContainsKey("server_address") || s.Labels.ContainsKey("client_address") || s.Labels.ContainsKey("network_peer_address"));
    }

    [Fact]
    public async Task GetMetrics_OtherHostsInProcess_DoNotLeakIntoThisHost()
    {
        await using var first = await MetricsTestHost.StartAsync();
        await using var second = await MetricsTestHost.StartAsync(map: app => app.MapGet("/only-second", () => "x"));
        await second.Client.GetStringAsync(new Uri("/only-second", UriKind.Relative)).WaitAsync(Timeout);

        var firstText = await first.ScrapeAsync();
        var secondText = await second.ScrapeAsync();

        Assert.Contains("http_route=\"/only-second\"", secondText, StringComparison.Ordinal);
        Assert.DoesNotContain("http_route=\"/only-second\"", firstText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PromtoolCheckMetrics_ScrapedExposition_HasNoProblems()
    {
        var promtool = ExternalTool.Require("promtool");
        await using var host = await MetricsTestHost.StartAsync();
        TelemetrySamples.RecordEveryInstrument("promtool-check");
        await host.Client.GetStringAsync(new Uri("/ping", UriKind.Relative)).WaitAsync(Timeout);

        var text = await host.ScrapeAsync();
        var result = await ExternalTool.RunAsync(promtool, ["check", "metrics"], stdin: text, timeout: Timeout);

        Assert.True(result.ExitCode == 0, $"promtool check metrics failed: {result}\n--- exposition ---\n{text}");
        Assert.True(string.IsNullOrWhiteSpace(result.StandardOutput + result.StandardError), $"promtool reported problems: {result}");
        Assert.Contains("llmsecops_guard_findings_total", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PromtoolCheckMetrics_RejectsBrokenExposition_SoTheCheckIsReal()
    {
        var promtool = ExternalTool.Require("promtool");

        var result = await ExternalTool.RunAsync(promtool, ["check", "metrics"], stdin: "# TYPE broken counter\nbroken{a=\"x} 1\n", timeout: Timeout);

        Assert.NotEqual(0, result.ExitCode);
    }

    [Fact]
    public void MapPrometheusMetrics_WithoutTelemetry_SaysWhatToCall()
    {
        var builder = WebApplication.CreateSlimBuilder();
        using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapPrometheusMetrics());

        Assert.Contains(nameof(TelemetryExtensions.AddLlmSecOpsTelemetry), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Instruments_AreAllKnownToTheSampleRecorder()
    {
        // TelemetrySamples must record every instrument, or the dashboard check below misses metrics.
        var declared = typeof(Instruments).GetProperties().Select(p => ((Instrument)p.GetValue(null)!).Name).Order().ToList();

        Assert.Equal(declared, TelemetrySamples.RecordedInstrumentNames.Order().ToList());
    }
}
