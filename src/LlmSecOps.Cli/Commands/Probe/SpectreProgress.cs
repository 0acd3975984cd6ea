using LlmSecOps.RedTeam.Running;
using Spectre.Console;

namespace LlmSecOps.Cli.Commands.Probe;

/// <summary>A live progress bar (stdout is a terminal).</summary>
internal sealed class SpectreProgress : IRunObserver
{
    private ProgressTask? _task;

    public ProgressTask? Task
    {
        get => Volatile.Read(ref _task);
        set => Volatile.Write(ref _task, value);
    }

    public void OnStarted(RunCounters counters)
    {
        if (Task is { } t)
        {
            t.MaxValue = Math.Max(1, counters.Planned - counters.Resumed);
        }
    }

    public void OnAttempt(AttemptResult result, RunCounters counters)
    {
        if (Task is { } t)
        {
            t.Value = counters.Done;
            t.Description = $"probe [green]{counters.Failures} resisted[/] [red]{counters.Successes} succeeded[/] [blue]{counters.Blocked} blocked[/] [yellow]{counters.Errors} errors[/]";
        }
    }

    /// <summary>Runs <paramref name="work"/> under a progress display on <paramref name="console"/>.</summary>
    public static async Task<T> RunAsync<T>(IAnsiConsole console, SpectreProgress observer, Func<Task<T>> work)
    {
        T result = default!;
        await console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                observer.Task = ctx.AddTask("probe", autoStart: true, maxValue: 1);
                result = await work().ConfigureAwait(false);
                observer.Task.Value = observer.Task.MaxValue;
            }).ConfigureAwait(false);
        return result;
    }
}
