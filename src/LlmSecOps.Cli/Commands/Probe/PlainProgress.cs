using System.Diagnostics;
using System.Globalization;
using LlmSecOps.RedTeam.Running;

namespace LlmSecOps.Cli.Commands.Probe;

/// <summary>Progress as plain lines every couple of seconds, for logs and CI (stdout is not a terminal).</summary>
internal sealed class PlainProgress(TextWriter writer, TimeSpan interval) : IRunObserver
{
    private readonly Lock _gate = new();
    private long _started;
    private long _last;

    public void OnStarted(RunCounters counters)
    {
        _started = Stopwatch.GetTimestamp();
        _last = _started;
        lock (_gate)
        {
            var resumed = counters.Resumed > 0 ? $" ({counters.Resumed} already done)" : string.Empty;
            writer.WriteLine($"probe: {counters.Planned} attempts planned{resumed}");
        }
    }

    public void OnAttempt(AttemptResult result, RunCounters counters)
    {
        var now = Stopwatch.GetTimestamp();
        if (Stopwatch.GetElapsedTime(Volatile.Read(ref _last), now) < interval)
        {
            return;
        }

        lock (_gate)
        {
            if (Stopwatch.GetElapsedTime(_last, now) < interval)
            {
                return;
            }

            _last = now;
            writer.WriteLine(Line(counters));
        }
    }

    public void Finish(RunCounters counters)
    {
        lock (_gate)
        {
            writer.WriteLine(Line(counters));
        }
    }

    private string Line(RunCounters c)
    {
        var seconds = Math.Max(Stopwatch.GetElapsedTime(_started).TotalSeconds, 1e-3);
        var total = c.Planned - c.Resumed;
        return string.Create(CultureInfo.InvariantCulture,
            $"probe: {c.Done}/{total} attempts, {c.Successes} succeeded, {c.Failures} resisted, {c.Blocked} blocked, {c.Errors} errors ({c.Done / seconds:0} attempts/s)");
    }
}
