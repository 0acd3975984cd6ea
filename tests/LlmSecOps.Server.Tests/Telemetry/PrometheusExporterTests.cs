using System.Diagnostics.Metrics;
using LlmSecOps.Server.Telemetry.Prometheus;

namespace LlmSecOps.Server.Tests.Telemetry;

public sealed class PrometheusExporterTests : IDisposable
{
    private readonly Meter _meter = new("LlmSecOps.Tests." + Guid.NewGuid().ToString("N"), "1.2.3");

    public void Dispose() => _meter.Dispose();

    private PrometheusExporter CreateExporter(Func<PrometheusExporterOptions, PrometheusExporterOptions>? configure = null)
    {
        var options = new PrometheusExporterOptions { Meters = [_meter.Name], IncludeProcessMetrics = false, IncludeTargetInfo = false };
        return new PrometheusExporter(configure is null ? options : configure(options));
    }

    [Fact]
    public void Collect_Counter_HasTotalSuffixHelpTypeAndSummedValues()
    {
        using var exporter = CreateExporter();
        var counter = _meter.CreateCounter<long>("demo.requests", "{request}", "Requests seen.");
        counter.Add(2, new KeyValuePair<string, object?>("http.route", "/v1/chat"));
        counter.Add(3, new KeyValuePair<string, object?>("http.route", "/v1/chat"));
        counter.Add(7, new KeyValuePair<string, object?>("http.route", "/v1/models"));

        var text = exporter.CollectText();
        var exposition = Exposition.Parse(text);

        Assert.Equal("counter", exposition.Types["demo_requests_total"]);
        Assert.Equal("Requests seen.", exposition.Help["demo_requests_total"]);
        Assert.Equal(5, exposition.Single("demo_requests_total", ("http_route", "/v1/chat")));
        Assert.Equal(7, exposition.Single("demo_requests_total", ("http_route", "/v1/models")));
        Assert.Contains("demo_requests_total{http_route=\"/v1/chat\"} 5\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Collect_CounterIgnoresNegativeAndNonFiniteIncrements()
    {
        using var exporter = CreateExporter();
        var counter = _meter.CreateCounter<double>("demo.work", "s");
        counter.Add(1.5);
        counter.Add(-1);
        counter.Add(double.NaN);
        counter.Add(double.PositiveInfinity);
        counter.Add(0.25);

        var exposition = Exposition.Parse(exporter.CollectText());

        Assert.Equal(1.75, exposition.Single("demo_work_seconds_total"));
    }

    [Fact]
    public void Collect_UpDownCounter_IsGaugeThatGoesDown()
    {
        using var exporter = CreateExporter();
        var active = _meter.CreateUpDownCounter<int>("demo.active", "{connection}");
        active.Add(5);
        active.Add(-3);

        var exposition = Exposition.Parse(exporter.CollectText());

        Assert.Equal("gauge", exposition.Types["demo_active"]);
        Assert.Equal(2, exposition.Single("demo_active"));
    }

    [Fact]
    public void Collect_Histogram_WritesCumulativeBucketsInfSumAndCount()
    {
        using var exporter = CreateExporter();
        var histogram = _meter.CreateHistogram<double>("demo.latency", "s", "Latency.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.5, 1] });
        var tag = new KeyValuePair<string, object?>("llmsecops.upstream", "local");
        foreach (var value in new[] { 0.05, 0.1, 0.3, 0.5, 0.75, 2.0, 4.0 })
        {
            histogram.Record(value, tag);
        }

        var exposition = Exposition.Parse(exporter.CollectText());

        Assert.Equal("histogram", exposition.Types["demo_latency_seconds"]);
        Assert.Equal(2, exposition.Single("demo_latency_seconds_bucket", ("le", "0.1"), ("llmsecops_upstream", "local")));
        Assert.Equal(4, exposition.Single("demo_latency_seconds_bucket", ("le", "0.5")));
        Assert.Equal(5, exposition.Single("demo_latency_seconds_bucket", ("le", "1")));
        Assert.Equal(7, exposition.Single("demo_latency_seconds_bucket", ("le", "+Inf")));
        Assert.Equal(7, exposition.Single("demo_latency_seconds_count"));
        Assert.Equal(7.7, exposition.Single("demo_latency_seconds_sum"), 10);
    }

    [Fact]
    public void Collect_HistogramWithoutAdvice_UsesDefaultBuckets_AndIntegerSum()
    {
        using var exporter = CreateExporter();
        var histogram = _meter.CreateHistogram<long>("demo.size", "By");
        histogram.Record(3);
        histogram.Record(12_000);

        var exposition = Exposition.Parse(exporter.CollectText());
        var buckets = exposition.Find("demo_size_bytes_bucket").Select(s => s.Labels["le"]).ToList();

        Assert.Equal(["0", "5", "10", "25", "50", "75", "100", "250", "500", "750", "1000", "2500", "5000", "7500", "10000", "+Inf"], buckets);
        Assert.Equal(1, exposition.Single("demo_size_bytes_bucket", ("le", "5")));
        Assert.Equal(1, exposition.Single("demo_size_bytes_bucket", ("le", "10000")));
        Assert.Equal(12_003, exposition.Single("demo_size_bytes_sum"));
    }

    [Fact]
    public void Collect_LabelValues_AreEscaped_AndHelpEscaped()
    {
        using var exporter = CreateExporter();
        var counter = _meter.CreateCounter<long>("demo.escapes", null, "Line one\nback\\slash \"quoted\"");
        const string nasty = "a\\b\"c\nd";
        counter.Add(1, new KeyValuePair<string, object?>("value", nasty));

        var text = exporter.CollectText();
        var exposition = Exposition.Parse(text);

        Assert.Contains("demo_escapes_total{value=\"a\\\\b\\\"c\\nd\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("# HELP demo_escapes_total Line one\\nback\\\\slash \"quoted\"\n", text, StringComparison.Ordinal);
        Assert.Equal(nasty, exposition.Samples.Single(s => s.Name == "demo_escapes_total").Labels["value"]);
    }

    [Fact]
    public void Record_SameTagsInAnyOrderOrValueType_LandInOneSeries()
    {
        using var exporter = CreateExporter();
        var counter = _meter.CreateCounter<long>("demo.order");
        counter.Add(1, new("a", "x"), new("b", 200));
        counter.Add(1, new("b", 200), new("a", "x"));
        counter.Add(1, new("b", "200"), new("a", "x"));
        counter.Add(1, new("a", "x"), new("b", 200), new("c", null));

        var exposition = Exposition.Parse(exporter.CollectText());

        var sample = Assert.Single(exposition.Find("demo_order_total"));
        Assert.Equal(4, sample.Value);
        Assert.Equal(new Dictionary<string, string> { ["a"] = "x", ["b"] = "200" }, sample.Labels);
    }

    [Fact]
    public void Record_PersonalAndAddressTags_NeverBecomeLabels()
    {
        using var exporter = CreateExporter();
        var counter = _meter.CreateCounter<long>("demo.private");
        for (var i = 0; i < 50; i++)
        {
            counter.Add(1, new("client.address", $"10.0.0.{i}"), new("user.id", $"user{i}"), new("llmsecops.verdict", "allow"));
        }

        var text = exporter.CollectText();
        var sample = Assert.Single(Exposition.Parse(text).Find("demo_private_total"));

        Assert.Equal(50, sample.Value);
        Assert.Equal(["llmsecops_verdict"], sample.Labels.Keys);
        Assert.DoesNotContain("10.0.0.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Record_PastCardinalityCap_GoesToOverflowSeries_AndNothingIsLost()
    {
        using var exporter = CreateExporter(o => o with { MaxSeriesPerInstrument = 10 });
        var counter = _meter.CreateCounter<long>("demo.explosion");
        var histogram = _meter.CreateHistogram<double>("demo.explosion.latency", "s");
        for (var i = 0; i < 5_000; i++)
        {
            counter.Add(1, new KeyValuePair<string, object?>("id", i));
            histogram.Record(0.2, new KeyValuePair<string, object?>("id", i));
        }

        var exposition = Exposition.Parse(exporter.CollectText());
        var series = exposition.Find("demo_explosion_total").ToList();

        Assert.Equal(11, series.Count);
        Assert.Equal(4_990, exposition.Single("demo_explosion_total", ("otel_metric_overflow", "true")));
        Assert.Equal(5_000, series.Sum(s => s.Value));
        Assert.Equal(11, exposition.Find("demo_explosion_latency_seconds_count").Count());
        Assert.Equal(4_990, exposition.Single("demo_explosion_latency_seconds_count", ("otel_metric_overflow", "true")));
    }

    [Fact]
    public void Collect_ObservableInstruments_ReportCurrentValues_AndDropSeriesNoLongerObserved()
    {
        using var exporter = CreateExporter();
        var round = 0;
        _meter.CreateObservableGauge("demo.queue.depth", () => round == 0
            ? new[] { new Measurement<int>(4, new KeyValuePair<string, object?>("queue", "a")), new Measurement<int>(9, new KeyValuePair<string, object?>("queue", "b")) }
            : [new Measurement<int>(1, new KeyValuePair<string, object?>("queue", "a"))], "{item}");
        _meter.CreateObservableCounter("demo.cpu.time", () => 1.5 + round, "s");

        var first = Exposition.Parse(exporter.CollectText());
        round = 1;
        var second = Exposition.Parse(exporter.CollectText());

        Assert.Equal(9, first.Single("demo_queue_depth", ("queue", "b")));
        Assert.Equal("counter", first.Types["demo_cpu_time_seconds_total"]);
        Assert.Equal(1.5, first.Single("demo_cpu_time_seconds_total"));
        Assert.Equal(1, second.Single("demo_queue_depth", ("queue", "a")));
        Assert.Empty(second.Find("demo_queue_depth", ("queue", "b")));
        Assert.Equal(2.5, second.Single("demo_cpu_time_seconds_total"));
    }

    [Fact]
    public void Record_TagValueWhoseToStringThrows_DoesNotFailTheCaller()
    {
        using var exporter = CreateExporter();
        var counter = _meter.CreateCounter<long>("demo.unprintable");

        counter.Add(1, new KeyValuePair<string, object?>("odd", new Unprintable()));

        Assert.Equal(1, Exposition.Parse(exporter.CollectText()).Single("demo_unprintable_total", ("odd", "(unprintable)")));
    }

    [Fact]
    public void Collect_SynchronousGauge_KeepsLastValue()
    {
        using var exporter = CreateExporter();
        var gauge = _meter.CreateGauge<double>("demo.temperature", "Cel");
        gauge.Record(20.5);
        gauge.Record(-3.25);

        Assert.Equal(-3.25, Exposition.Parse(exporter.CollectText()).Single("demo_temperature_celsius"));
    }

    [Fact]
    public void Collect_SameInstrumentFromTwoMeters_SharesFamily_ConflictingTypeIsDropped()
    {
        using var exporter = CreateExporter();
        using var twin = new Meter(_meter.Name);
        _meter.CreateCounter<long>("demo.shared").Add(2);
        twin.CreateCounter<long>("demo.shared").Add(3);
        _meter.CreateGauge<long>("demo.clash").Record(1);
        twin.CreateHistogram<long>("demo.clash").Record(1);

        var text = exporter.CollectText();
        var exposition = Exposition.Parse(text);

        Assert.Equal(5, exposition.Single("demo_shared_total"));
        Assert.Equal("gauge", exposition.Types["demo_clash"]);
        Assert.DoesNotContain("demo_clash_bucket", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Collect_IgnoresMetersNotConfigured_AndMetersOfAnotherFactory()
    {
        using var exporter = CreateExporter();
        using var other = new Meter("LlmSecOps.Tests.Other." + Guid.NewGuid().ToString("N"));
        using var scoped = new Meter(new MeterOptions(_meter.Name) { Scope = new object() });
        other.CreateCounter<long>("demo.elsewhere").Add(1);
        scoped.CreateCounter<long>("demo.scoped").Add(1);
        _meter.CreateCounter<long>("demo.here").Add(1);

        var text = exporter.CollectText();

        Assert.Contains("demo_here_total 1\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("demo_elsewhere", text, StringComparison.Ordinal);
        Assert.DoesNotContain("demo_scoped", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Collect_WithProcessMetricsTargetInfoAndScopeLabels_AddsThem()
    {
        var options = new PrometheusExporterOptions { Meters = [_meter.Name], IncludeScopeLabels = true };
        using var exporter = new PrometheusExporter(options, [new("service.name", "gateway-under-test"), new("service.version", "9.9")]);
        _meter.CreateCounter<long>("demo.scoped.count").Add(1);

        var exposition = Exposition.Parse(exporter.CollectText());

        Assert.Equal(1, exposition.Single("target_info", ("service_name", "gateway-under-test"), ("service_version", "9.9")));
        Assert.Equal(1, exposition.Single("demo_scoped_count_total", ("otel_scope_name", _meter.Name), ("otel_scope_version", "1.2.3")));
        Assert.True(exposition.Single("process_cpu_seconds_total") > 0);
        Assert.True(exposition.Single("process_resident_memory_bytes") > 1_000_000);
        Assert.True(exposition.Single("process_start_time_seconds") > 1_600_000_000);
        Assert.True(exposition.Single("dotnet_total_memory_bytes") > 0);
    }

    [Fact]
    public void Record_ManyThreadsOnSharedSeries_SumsExactly()
    {
        using var exporter = CreateExporter();
        var counter = _meter.CreateCounter<long>("demo.parallel");
        var doubles = _meter.CreateCounter<double>("demo.parallel.double");
        var histogram = _meter.CreateHistogram<double>("demo.parallel.latency", "s",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.25, 0.5, 1] });
        const int threads = 8;
        const int perThread = 50_000;
        using var start = new Barrier(threads);

        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            var tags = new KeyValuePair<string, object?>[] { new("a", "x"), new("b", t % 2 == 0 ? "even" : "odd"), new("c", "z") };
            start.SignalAndWait();
            for (var i = 0; i < perThread; i++)
            {
                counter.Add(1, tags);
                doubles.Add(0.5, tags);
                histogram.Record(i % 2 == 0 ? 0.25 : 0.75, tags);
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => Assert.True(w.Join(TimeSpan.FromSeconds(60))));

        var exposition = Exposition.Parse(exporter.CollectText());

        Assert.Equal(threads / 2 * perThread, exposition.Single("demo_parallel_total", ("b", "even")));
        Assert.Equal(threads / 2 * perThread, exposition.Single("demo_parallel_total", ("b", "odd")));
        Assert.Equal(threads * perThread * 0.5, exposition.Find("demo_parallel_double_total").Sum(s => s.Value));
        Assert.Equal(threads * perThread / 2, exposition.Find("demo_parallel_latency_seconds_bucket", ("le", "0.25")).Sum(s => s.Value));
        Assert.Equal(threads * perThread, exposition.Find("demo_parallel_latency_seconds_count").Sum(s => s.Value));
        Assert.Equal(threads * perThread * 0.5, exposition.Find("demo_parallel_latency_seconds_sum").Sum(s => s.Value));
    }

    [Fact]
    public async Task Collect_WhileOtherThreadsRecord_CountsNeverGoBackwards()
    {
        using var exporter = CreateExporter();
        var counter = _meter.CreateCounter<long>("demo.live");
        var histogram = _meter.CreateHistogram<long>("demo.live.size", "By");
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 3).Select(t => Task.Run(() =>
        {
            var i = 0;
            while (!stop.IsCancellationRequested)
            {
                counter.Add(1, new KeyValuePair<string, object?>("n", (i++ % 20).ToString(System.Globalization.CultureInfo.InvariantCulture)));
                histogram.Record(i % 3000);
            }
        })).ToArray();

        double previous = 0;
        for (var scrape = 0; scrape < 50; scrape++)
        {
            var exposition = Exposition.Parse(exporter.CollectText());
            var total = exposition.Find("demo_live_total").Sum(s => s.Value);
            Assert.True(total >= previous, $"total went from {previous} to {total}");
            previous = total;
            var buckets = exposition.Find("demo_live_size_bytes_bucket").Select(s => s.Value).ToList();
            if (buckets.Count > 0)
            {
                Assert.Equal(buckets.Order(), buckets);
                Assert.Equal(buckets[^1], exposition.Single("demo_live_size_bytes_count"));
            }
        }

        stop.Cancel();
        await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(30));
    }

    private sealed class Unprintable
    {
        public override string ToString() => throw new InvalidOperationException("no text");
    }
}
