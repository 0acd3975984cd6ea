using System.Globalization;
using LlmSecOps.Core.Events;

namespace LlmSecOps.Benchmarks.Gateway;

/// <summary>
/// Passes events on to the sink under measurement and keeps the latencies the gateway recorded
/// in each (guards, upstream call, total), so a run can say which stage its tail comes from.
/// </summary>
internal sealed class StageRecordingSink(IEventSink inner) : IEventSink
{
    private readonly Lock _gate = new();
    private List<(double Total, double Guard, double Upstream)> _samples = new(100_000);

    public void Write(LlmEvent evt)
    {
        if (evt.Latency is { TotalMs: { } total } latency)
        {
            lock (_gate)
            {
                _samples.Add((total, latency.GuardMs ?? 0, latency.UpstreamMs ?? 0));
            }
        }

        inner.Write(evt);
    }

    public Task FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);

    /// <summary>Forgets what was recorded so far (the warm-up and the direct runs).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _samples = new(100_000);
        }
    }

    /// <summary>One line per stage with its p50, p90 and p99 in milliseconds.</summary>
    public IEnumerable<string> Describe()
    {
        List<(double Total, double Guard, double Upstream)> samples;
        lock (_gate)
        {
            samples = _samples;
        }

        if (samples.Count == 0)
        {
            yield break;
        }

        yield return Line("guards", samples.Select(s => s.Guard));
        yield return Line("upstream", samples.Select(s => s.Upstream));
        yield return Line("rest", samples.Select(s => s.Total - s.Guard - s.Upstream));
        yield return Line("total", samples.Select(s => s.Total));
    }

    private static string Line(string stage, IEnumerable<double> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        double At(double p) => sorted[Math.Min(sorted.Length - 1, Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1))];
        return string.Create(CultureInfo.InvariantCulture, $"  in gateway  {stage,-9} p50 {At(0.50),6:0.000}  p90 {At(0.90),6:0.000}  p99 {At(0.99),6:0.000}  p99.9 {At(0.999),6:0.000} ms");
    }
}
