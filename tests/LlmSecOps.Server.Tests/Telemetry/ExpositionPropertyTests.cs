using System.Diagnostics.Metrics;
using System.Text;
using LlmSecOps.Server.Telemetry.Prometheus;

namespace LlmSecOps.Server.Tests.Telemetry;

public sealed class ExpositionPropertyTests : IDisposable
{
    private readonly Meter _meter = new("LlmSecOps.Tests.Property." + Guid.NewGuid().ToString("N"));

    public void Dispose() => _meter.Dispose();

    private PrometheusExporter CreateExporter() =>
        new(new PrometheusExporterOptions { Meters = [_meter.Name], IncludeProcessMetrics = false, IncludeTargetInfo = false, MaxLabelValueLength = 10_000 });

    [Fact]
    public void RandomLabelValues_RoundTripThroughTheExposition()
    {
        using var exporter = CreateExporter();
        var counter = _meter.CreateCounter<long>("prop.values");
        var random = new Random(424242);
        var expected = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < 400; i++)
        {
            var value = RandomValue(random, allowSurrogates: false);
            if (value.Length == 0)
            {
                continue;
            }

            counter.Add(i + 1, new KeyValuePair<string, object?>("v", value));
            expected[value] = expected.GetValueOrDefault(value) + i + 1;
        }

        var exposition = Exposition.Parse(exporter.CollectText());
        var actual = exposition.Find("prop_values_total").ToDictionary(s => s.Labels["v"], s => (long)s.Value, StringComparer.Ordinal);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task RandomKeysAndValues_AlwaysProduceValidExposition_AcceptedByPromtool()
    {
        var promtool = ExternalTool.Require("promtool");
        using var exporter = CreateExporter();
        var random = new Random(777);
        var counter = _meter.CreateCounter<double>("prop.keys", "s", "Random keys\nand values \\ everywhere");
        var histogram = _meter.CreateHistogram<double>("prop.latency", "s");
        for (var i = 0; i < 300; i++)
        {
            var tags = Enumerable.Range(0, random.Next(0, 4))
                .Select(_ => new KeyValuePair<string, object?>(RandomValue(random, allowSurrogates: true), random.Next(3) == 0 ? random.Next() : RandomValue(random, allowSurrogates: true)))
                .ToArray();
            counter.Add(random.NextDouble(), tags);
            histogram.Record(random.NextDouble() * 20_000, tags);
        }

        var text = exporter.CollectText();
        var exposition = Exposition.Parse(text);
        var result = await ExternalTool.RunAsync(promtool, ["check", "metrics"], stdin: text, timeout: TimeSpan.FromSeconds(60));

        Assert.NotEmpty(exposition.Samples);
        Assert.True(Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text)) == text, "The exposition is not valid UTF-8 text.");

        // Random keys keep their case (the compatibility rules do not lower-case), so the only
        // complaint promtool may have is its camelCase lint; anything else is a real problem.
        var complaints = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(
            result.ExitCode == 0 || (result.ExitCode == 3 && complaints.All(c => c.EndsWith("label names should be written in 'snake_case' not 'camelCase'", StringComparison.Ordinal))),
            result.ToString());
    }

    private static string RandomValue(Random random, bool allowSurrogates)
    {
        var chars = new char[random.Next(0, 24)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = random.Next(8) switch
            {
                0 => '\\',
                1 => '"',
                2 => '\n',
                3 => (char)random.Next(0, 32),
                4 => allowSurrogates ? (char)random.Next(0xD800, 0xE000) : 'é',
                5 => (char)random.Next(0x3000, 0x3100),
                _ => (char)random.Next(32, 127),
            };
        }

        return new string(chars);
    }
}
