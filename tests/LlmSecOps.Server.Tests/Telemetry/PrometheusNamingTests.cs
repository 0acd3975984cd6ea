using LlmSecOps.Server.Telemetry.Prometheus;

namespace LlmSecOps.Server.Tests.Telemetry;

public sealed class PrometheusNamingTests
{
    [Theory]
    [InlineData("gen_ai.client.operation.duration", "s", "Histogram", "gen_ai_client_operation_duration_seconds")]
    [InlineData("gen_ai.client.token.usage", "{token}", "Histogram", "gen_ai_client_token_usage")]
    [InlineData("llmsecops.gateway.requests", "{request}", "Counter", "llmsecops_gateway_requests_total")]
    [InlineData("llmsecops.completion.entropy", "nats", "Histogram", "llmsecops_completion_entropy_nats")]
    [InlineData("dotnet.gc.heap.total_allocated", "By", "Counter", "dotnet_gc_heap_total_allocated_bytes_total")]
    [InlineData("dotnet.process.memory.working_set", "By", "Gauge", "dotnet_process_memory_working_set_bytes")]
    [InlineData("request.latency", "ms", "Histogram", "request_latency_milliseconds")]
    [InlineData("cache.hit", "1", "Gauge", "cache_hit_ratio")]
    [InlineData("cache.hits", "1", "Counter", "cache_hits_total")]
    [InlineData("network.io", "By/s", "Gauge", "network_io_bytes_per_second")]
    [InlineData("queue.rate", "{item}/s", "Gauge", "queue_rate_per_second")]
    [InlineData("job.duration_seconds", "s", "Histogram", "job_duration_seconds")]
    [InlineData("jobs_total", "", "Counter", "jobs_total")]
    [InlineData("bytes.sent.total", "By", "Counter", "bytes_sent_bytes_total")]
    [InlineData("weird..name-with spaces!", null, "Gauge", "weird_name_with_spaces")]
    [InlineData("2fast", null, "Gauge", "_2fast")]
    [InlineData("ns:sub.metric", null, "Gauge", "ns_sub_metric")]
    [InlineData("dotnet.assembly.count", "{assembly}", "Gauge", "dotnet_assembly_count_value")]
    [InlineData("queue.items.total", "{item}", "Gauge", "queue_items_total_value")]
    [InlineData("batch.sum", "By", "Histogram", "batch_sum_bytes")]
    [InlineData("retry.bucket", null, "Histogram", "retry_bucket_value")]
    [InlineData("thread.count", "{thread}", "Counter", "thread_count_total")]
    public void MetricName_FollowsOpenTelemetryCompatibilityRules(string name, string? unit, string kind, string expected)
    {
        Assert.Equal(expected, PrometheusNaming.MetricName(name, unit, Enum.Parse<PrometheusMetricKind>(kind)));
    }

    [Theory]
    [InlineData("gen_ai.request.model", "gen_ai_request_model")]
    [InlineData("http.response.status_code", "http_response_status_code")]
    [InlineData("a..b", "a_b")]
    [InlineData("__reserved", "_reserved")]
    [InlineData("9lives", "key_9lives")]
    [InlineData("ключ", "key_empty")]
    public void LabelName_SanitisesToPrometheusCharset(string key, string expected)
    {
        Assert.Equal(expected, PrometheusNaming.LabelName(key));
    }
}
