using LlmSecOps.Core.Events;
using LlmSecOps.Core.Scanning;
using LlmSecOps.RedTeam.Storage;
using LlmSecOps.RedTeam.Targets;

namespace LlmSecOps.RedTeam.Running;

/// <summary>
/// Runs a plan with a fixed number of workers. Each finished attempt is handed to the writer
/// (committed within milliseconds) before the next one starts on that worker, so an interrupted
/// run loses at most the attempts in flight. A stop request ends dispatching at once and gives
/// in-flight attempts <see cref="RunOptions.DrainTimeout"/> to finish; what is abandoned has no
/// stored result and runs again on resume.
/// </summary>
internal sealed class ProbeRunner(Target target, RunOptions options, TimeProvider time)
{
    /// <summary>Runs the attempts of <paramref name="plan"/> not in <paramref name="done"/>.</summary>
    public async Task<RunSessionResult> RunAsync(
        IReadOnlyList<PlannedAttempt> plan,
        IReadOnlySet<string> done,
        AttemptWriter? writer,
        IRunObserver? observer,
        CancellationToken stop)
    {
        var todo = plan.Where(a => !done.Contains(a.AttemptId)).ToArray();
        var counters = new RunCounters { Planned = plan.Count, Resumed = plan.Count - todo.Length };
        observer?.OnStarted(counters);
        var executor = new AttemptExecutor(target, options, time);

        using var abort = new CancellationTokenSource();
        using var onStop = stop.Register(static state =>
        {
            var (cts, delay) = ((CancellationTokenSource, TimeSpan))state!;
            try
            {
                cts.CancelAfter(delay);
            }
            catch (ObjectDisposedException)
            {
                // The run already ended.
            }
        }, (abort, options.DrainTimeout));

        Exception? fault = null;
        var next = -1;
        async Task WorkerAsync()
        {
            while (!stop.IsCancellationRequested && fault is null)
            {
                var i = Interlocked.Increment(ref next);
                if (i >= todo.Length)
                {
                    return;
                }

                AttemptResult result;
                try
                {
                    result = await executor.ExecuteAsync(todo[i], abort.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (abort.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A bug in a detector or target must not take the run down or pass for a success.
                    result = new AttemptResult
                    {
                        RunId = options.RunId,
                        AttemptId = todo[i].AttemptId,
                        Sequence = todo[i].Sequence,
                        ProbeId = todo[i].Probe.Id,
                        Family = todo[i].Probe.Family,
                        PromptKey = todo[i].PromptKey,
                        Mutator = todo[i].Chain.Name,
                        Target = target.Id,
                        Outcome = AttemptOutcome.Error,
                        StartedAt = time.GetUtcNow(),
                        Error = $"internal error: {ex.GetType().Name}: {ex.Message}",
                    };
                }

                try
                {
                    if (writer is not null)
                    {
                        await writer.WriteAsync(result, CancellationToken.None).ConfigureAwait(false);
                    }
                }
                catch (Exception ex) when (ex is IOException or InvalidOperationException or System.Threading.Channels.ChannelClosedException)
                {
                    fault ??= ex;
                    await abort.CancelAsync().ConfigureAwait(false);
                    return;
                }

                counters.Add(result.Outcome);
                options.Events?.Write(ToEvent(result));
                observer?.OnAttempt(result, counters);
            }
        }

        var workers = Math.Min(options.Concurrency, Math.Max(1, todo.Length));
        var tasks = new Task[workers];
        for (var w = 0; w < workers; w++)
        {
            tasks[w] = Task.Run(WorkerAsync, CancellationToken.None);
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        if (fault is not null)
        {
            throw new IOException("stopping the run: " + fault.Message, fault);
        }

        return new RunSessionResult(counters, counters.Done < todo.Length);
    }

    private LlmEvent ToEvent(AttemptResult a) => new()
    {
        Timestamp = a.StartedAt,
        Source = "probe",
        Route = "probe",
        Upstream = a.Target,
        Verdict = a.Outcome == AttemptOutcome.Blocked ? Verdict.Block : Verdict.Allow,
        Request = a.Prompt,
        Response = a.Response,
        Status = a.HttpStatus,
        Error = a.Outcome == AttemptOutcome.Error ? a.Error : null,
        Latency = new EventLatency { TotalMs = a.LatencyMs },
        Attributes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["run_id"] = a.RunId,
            ["attempt_id"] = a.AttemptId,
            ["probe"] = a.ProbeId,
            ["family"] = a.Family,
            ["mutator"] = a.Mutator,
            ["outcome"] = RedTeamStore.OutcomeName(a.Outcome),
            ["score"] = AttemptExecutor.Describe(a.Score),
        },
    };
}
