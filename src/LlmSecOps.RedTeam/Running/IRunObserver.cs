namespace LlmSecOps.RedTeam.Running;

/// <summary>Watches a run as attempts finish (progress bars, tests that interrupt a run).</summary>
public interface IRunObserver
{
    /// <summary>Called once the plan is known.</summary>
    void OnStarted(RunCounters counters);

    /// <summary>Called after each attempt is judged (from worker threads).</summary>
    void OnAttempt(AttemptResult result, RunCounters counters);
}
