using System.Buffers;
using System.Diagnostics.Metrics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using LlmSecOps.Server.Telemetry.Prometheus;

namespace LlmSecOps.Benchmarks.Telemetry;

/// <summary>
/// The metrics hot path (one measurement with three tags through the listener into an
/// existing series) and a scrape of about 200 series.
/// </summary>
[MemoryDiagnoser]
public class PrometheusExporterBenchmarks
{
    private static readonly KeyValuePair<string, object?> Direction = new("llmsecops.direction", "input");
    private static readonly KeyValuePair<string, object?> Category = new("gen_ai.guardrail.category", "prompt_injection");
    private static readonly KeyValuePair<string, object?> Action = new("llmsecops.action", "block");

    private Meter _meter = null!;
    private Meter _unobserved = null!;
    private Meter _renderMeter = null!;
    private PrometheusExporter _exporter = null!;
    private PrometheusExporter _renderExporter = null!;
    private Counter<long> _counter = null!;
    private Counter<long> _unobservedCounter = null!;
    private Histogram<double> _histogram = null!;
    private ArrayBufferWriter<byte> _buffer = null!;

    [GlobalSetup]
    public void Setup()
    {
        _meter = new Meter("LlmSecOps.Bench.Record");
        _unobserved = new Meter("LlmSecOps.Bench.Unobserved");
        _renderMeter = new Meter("LlmSecOps.Bench.Render");
        _exporter = new PrometheusExporter(new PrometheusExporterOptions { Meters = [_meter.Name], IncludeProcessMetrics = false, IncludeTargetInfo = false });
        _renderExporter = new PrometheusExporter(new PrometheusExporterOptions { Meters = [_renderMeter.Name], IncludeProcessMetrics = false });

        _counter = _meter.CreateCounter<long>("bench.findings", "{finding}");
        _histogram = _meter.CreateHistogram<double>("bench.scanner.duration", "s",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.000005, 0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05] });
        _unobservedCounter = _unobserved.CreateCounter<long>("bench.unobserved");
        _counter.Add(1, Direction, Category, Action);
        _histogram.Record(0.00004, Direction, Category, Action);

        // About 200 series: 150 counter series and 50 histogram series of 12 buckets each.
        var requests = _renderMeter.CreateCounter<long>("bench.gateway.requests", "{request}", "Requests handled by the guard gateway.");
        var latency = _renderMeter.CreateHistogram<double>("bench.gateway.upstream.duration", "s", "Time spent waiting for the upstream.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
        for (var i = 0; i < 150; i++)
        {
            requests.Add(i + 1, new("http.route", "/v1/route/" + (i % 10).ToString(CultureInfo.InvariantCulture)), new("http.response.status_code", 200 + (i / 10)), new("llmsecops.verdict", "allow"));
        }

        for (var i = 0; i < 50; i++)
        {
            for (var j = 0; j < 20; j++)
            {
                latency.Record(j * 0.37, new("llmsecops.upstream", "upstream-" + i.ToString(CultureInfo.InvariantCulture)), new("http.response.status_code", 200));
            }
        }

        _buffer = new ArrayBufferWriter<byte>(256 * 1024);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _exporter.Dispose();
        _renderExporter.Dispose();
        _meter.Dispose();
        _unobserved.Dispose();
        _renderMeter.Dispose();
    }

    /// <summary>What a counter costs when nothing listens: the floor the listener adds to.</summary>
    [Benchmark(Baseline = true)]
    public void CounterAdd_NoListener() => _unobservedCounter.Add(1, Direction, Category, Action);

    [Benchmark]
    public void CounterAdd_ThreeTags() => _counter.Add(1, Direction, Category, Action);

    [Benchmark]
    public void HistogramRecord_ThreeTags() => _histogram.Record(0.00004, Direction, Category, Action);

    [Benchmark]
    public int Render_200Series()
    {
        _buffer.ResetWrittenCount();
        _renderExporter.Collect(_buffer);
        return _buffer.WrittenCount;
    }
}
