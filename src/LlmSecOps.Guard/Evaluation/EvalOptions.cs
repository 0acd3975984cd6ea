namespace LlmSecOps.Guard.Evaluation;

/// <summary>How an evaluation runs.</summary>
public sealed record EvalOptions
{
    /// <summary>
    /// Judge prompts on several cores. Timing is then measured in a separate single-threaded pass
    /// over a sample of the rows, so contention between threads never inflates the figure.
    /// </summary>
    public bool Parallel { get; init; }

    /// <summary>Threads used when <see cref="Parallel"/> is set (0 = one per core).</summary>
    public int MaxDegreeOfParallelism { get; init; }

    /// <summary>Rows judged once, untimed, before timing starts, so start-up and JIT do not count.</summary>
    public int WarmupRows { get; init; } = 200;

    /// <summary>Rows timed in the single-threaded pass of a parallel run.</summary>
    public int TimedSampleRows { get; init; } = 1500;

    /// <summary>False-positive rates of the threshold table.</summary>
    public IReadOnlyList<double> FprTargets { get; init; } = ThresholdTable.DefaultTargets;
}
