using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LlmSecOps.Core.Telemetry;

namespace LlmSecOps.Server.Tests.Telemetry;

public sealed class PrometheusScrapeTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task RealPrometheus_ScrapesGateway_AndSeriesCanBeQueriedBack()
    {
        await using var host = await MetricsTestHost.StartAsync();
        var route = "/scrape-test/" + Guid.NewGuid().ToString("N");
        KeyValuePair<string, object?>[] tags = [new("http.route", route), new("http.response.status_code", 200), new("llmsecops.verdict", "allow")];
        Instruments.GatewayRequests.Add(3, tags);
        Instruments.UpstreamDuration.Record(0.07, new("llmsecops.upstream", route), new("http.response.status_code", 200));

        await using var prometheus = await PrometheusServer.StartAsync(host.Address, "llmsecops-test", Deadline);
        var stopwatch = Stopwatch.StartNew();

        await WaitForValueAsync(prometheus, $"llmsecops_gateway_requests_total{{http_route=\"{route}\"}}", 3, stopwatch);
        await WaitForValueAsync(prometheus, $"llmsecops_gateway_upstream_duration_seconds_bucket{{llmsecops_upstream=\"{route}\",le=\"0.1\"}}", 1, stopwatch);
        await WaitForValueAsync(prometheus, "up{job=\"llmsecops-test\"}", 1, stopwatch);

        // Later increments arrive with the next scrape.
        Instruments.GatewayRequests.Add(2, tags);
        await WaitForValueAsync(prometheus, $"llmsecops_gateway_requests_total{{http_route=\"{route}\"}}", 5, stopwatch);
    }

    private static async Task WaitForValueAsync(PrometheusServer prometheus, string query, double expected, Stopwatch stopwatch)
    {
        string last = "(no answer yet)";
        while (stopwatch.Elapsed < Deadline)
        {
            var result = await prometheus.QueryAsync(query);
            last = result.ToString();
            if (result.GetArrayLength() == 1)
            {
                var value = double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
                if (value == expected)
                {
                    return;
                }

                if (value > expected)
                {
                    Assert.Fail($"{query} is {value}, more than the {expected} recorded.");
                }
            }

            await Task.Delay(250);
        }

        Assert.Fail($"{query} did not reach {expected} within {Deadline}. Last answer: {last}\nTargets: {await prometheus.TargetsAsync()}\nPrometheus log:\n{prometheus.Log}");
    }
}
