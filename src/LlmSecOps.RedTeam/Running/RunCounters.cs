namespace LlmSecOps.RedTeam.Running;

/// <summary>Live counts of a run, updated from many workers.</summary>
public sealed class RunCounters
{
    private int _done;
    private int _successes;
    private int _failures;
    private int _blocked;
    private int _errors;

    /// <summary>Attempts planned in total (including ones done in an earlier, resumed session).</summary>
    public int Planned { get; init; }

    /// <summary>Attempts skipped because an earlier session of the run completed them.</summary>
    public int Resumed { get; init; }

    /// <summary>Attempts finished in this session.</summary>
    public int Done => Volatile.Read(ref _done);

    /// <summary>Successful attacks in this session.</summary>
    public int Successes => Volatile.Read(ref _successes);

    /// <summary>Resisted attacks in this session.</summary>
    public int Failures => Volatile.Read(ref _failures);

    /// <summary>Blocked attacks in this session.</summary>
    public int Blocked => Volatile.Read(ref _blocked);

    /// <summary>Errors in this session.</summary>
    public int Errors => Volatile.Read(ref _errors);

    internal void Add(AttemptOutcome outcome)
    {
        switch (outcome)
        {
            case AttemptOutcome.Success:
                Interlocked.Increment(ref _successes);
                break;
            case AttemptOutcome.Fail:
                Interlocked.Increment(ref _failures);
                break;
            case AttemptOutcome.Blocked:
                Interlocked.Increment(ref _blocked);
                break;
            default:
                Interlocked.Increment(ref _errors);
                break;
        }

        Interlocked.Increment(ref _done);
    }
}
