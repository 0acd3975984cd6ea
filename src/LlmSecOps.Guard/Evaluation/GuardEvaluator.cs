using System.Diagnostics;
using LlmSecOps.Core.Scanning;

namespace LlmSecOps.Guard.Evaluation;

/// <summary>Runs a guard engine over labelled prompts and measures how well it separates attacks from benign prompts.</summary>
public static class GuardEvaluator
{
    /// <summary>Judges every row and builds the report.</summary>
    public static async Task<EvalReport> EvaluateAsync(
        GuardEngine engine, IReadOnlyList<LabeledPrompt> rows, EvalOptions options, CancellationToken cancellationToken = default)
    {
        var outcomes = await JudgeAsync(engine, rows, options, cancellationToken).ConfigureAwait(false);
        return Summarise(rows, outcomes, options.FprTargets);
    }

    /// <summary>Judges every row; the outcome at index i belongs to row i.</summary>
    public static async Task<EvalOutcome[]> JudgeAsync(
        GuardEngine engine, IReadOnlyList<LabeledPrompt> rows, EvalOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(options);
        var outcomes = new EvalOutcome[rows.Count];
        var warmup = Math.Min(options.WarmupRows, rows.Count);
        for (var i = 0; i < warmup; i++)
        {
            await JudgeOneAsync(engine, rows[i].Text, cancellationToken).ConfigureAwait(false);
        }

        if (!options.Parallel)
        {
            for (var i = 0; i < rows.Count; i++)
            {
                outcomes[i] = await JudgeOneAsync(engine, rows[i].Text, cancellationToken).ConfigureAwait(false);
            }

            return outcomes;
        }

        var parallel = new ParallelOptions
        {
            CancellationToken = cancellationToken,
            MaxDegreeOfParallelism = options.MaxDegreeOfParallelism > 0 ? options.MaxDegreeOfParallelism : Environment.ProcessorCount,
        };
        await Parallel.ForAsync(0, rows.Count, parallel, async (i, ct) =>
        {
            var o = await JudgeOneAsync(engine, rows[i].Text, ct).ConfigureAwait(false);
            outcomes[i] = o with { Microseconds = double.NaN };
        }).ConfigureAwait(false);

        // Timing on one thread over a sample that keeps every file represented.
        foreach (var i in TimedSample(rows, options.TimedSampleRows))
        {
            var o = await JudgeOneAsync(engine, rows[i].Text, cancellationToken).ConfigureAwait(false);
            outcomes[i] = outcomes[i] with { Microseconds = o.Microseconds };
        }

        return outcomes;
    }

    /// <summary>Builds the report from rows and their outcomes.</summary>
    public static EvalReport Summarise(IReadOnlyList<LabeledPrompt> rows, IReadOnlyList<EvalOutcome> outcomes, IReadOnlyList<double> fprTargets)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(fprTargets);
        if (rows.Count != outcomes.Count)
        {
            throw new ArgumentException("rows and outcomes differ in length", nameof(outcomes));
        }

        var all = Group(rows, outcomes, static _ => true);
        var bySource = new SortedDictionary<string, DetectionMetrics>(StringComparer.Ordinal);
        foreach (var file in Distinct(rows, static r => r.File))
        {
            bySource[file] = Group(rows, outcomes, r => string.Equals(r.File, file, StringComparison.Ordinal));
        }

        var byLabel = new SortedDictionary<string, DetectionMetrics>(StringComparer.Ordinal);
        foreach (var label in Enum.GetValues<PromptLabel>())
        {
            if (HasLabel(rows, label))
            {
                byLabel[LabelName(label)] = Group(rows, outcomes, r => r.Label == label);
            }
        }

        var scores = new double[rows.Count];
        var truth = new bool[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            scores[i] = outcomes[i].AttackScore;
            truth[i] = rows[i].IsAttack;
        }

        var (p50, p99, timed) = Percentiles(outcomes);
        return new EvalReport
        {
            Rows = rows.Count,
            Tp = all.Tp,
            Fp = all.Fp,
            Tn = all.Tn,
            Fn = all.Fn,
            Tpr = all.Tpr,
            Fpr = all.Fpr,
            Precision = all.Precision,
            F1 = all.F1,
            UsPerPrompt = all.UsPerPrompt,
            UsP50 = p50,
            UsP99 = p99,
            TimedRows = timed,
            BySource = bySource,
            ByLabel = byLabel,
            Thresholds = ThresholdTable.Compute(scores, truth, fprTargets),
        };
    }

    /// <summary>The lower-case name of a label.</summary>
    public static string LabelName(PromptLabel label) => label switch
    {
        PromptLabel.Injection => "injection",
        PromptLabel.Jailbreak => "jailbreak",
        _ => "benign",
    };

    /// <summary>Whether a guard result counts as an attack detected: an attack finding the policy acts on.</summary>
    public static bool IsDetected(GuardResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        foreach (var f in result.Findings)
        {
            if (IsAttackCategory(f.Category) && f.Action is PolicyAction.Flag or PolicyAction.Redact or PolicyAction.Block)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The raw attack score of a result: the highest prompt_injection or jailbreak score.</summary>
    public static double AttackScore(GuardResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Math.Max(result.ScoreOf(FindingCategories.PromptInjection), result.ScoreOf(FindingCategories.Jailbreak));
    }

    private static bool IsAttackCategory(string category) =>
        category is FindingCategories.PromptInjection or FindingCategories.Jailbreak;

    private static async ValueTask<EvalOutcome> JudgeOneAsync(GuardEngine engine, string text, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await engine.ScanAsync(new ScanRequest { Text = text, Principal = Principal.Local }, ct).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        List<string>? rules = null;
        foreach (var f in result.Findings)
        {
            if (IsAttackCategory(f.Category) && f.Action is PolicyAction.Flag or PolicyAction.Redact or PolicyAction.Block)
            {
                rules ??= [];
                if (!rules.Contains(f.Rule))
                {
                    rules.Add(f.Rule);
                }
            }
        }

        return new EvalOutcome(rules is not null, AttackScore(result), elapsed, (IReadOnlyList<string>?)rules ?? []);
    }

    private static IEnumerable<int> TimedSample(IReadOnlyList<LabeledPrompt> rows, int target)
    {
        var perFile = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            if (!perFile.TryGetValue(rows[i].File, out var list))
            {
                perFile[rows[i].File] = list = [];
            }

            list.Add(i);
        }

        var stride = Math.Max(1, (int)Math.Ceiling(rows.Count / (double)Math.Max(1, target)));
        var picked = new List<int>();
        foreach (var list in perFile.Values)
        {
            // Small files still get about twenty timed rows.
            var s = Math.Max(1, Math.Min(stride, list.Count / 20));
            for (var j = 0; j < list.Count; j += s)
            {
                picked.Add(list[j]);
            }
        }

        picked.Sort();
        return picked;
    }

    private static DetectionMetrics Group(IReadOnlyList<LabeledPrompt> rows, IReadOnlyList<EvalOutcome> outcomes, Func<LabeledPrompt, bool> include)
    {
        int tp = 0, fp = 0, tn = 0, fn = 0, timed = 0;
        double micros = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            if (!include(rows[i]))
            {
                continue;
            }

            var o = outcomes[i];
            switch ((rows[i].IsAttack, o.Detected))
            {
                case (true, true): tp++; break;
                case (true, false): fn++; break;
                case (false, true): fp++; break;
                default: tn++; break;
            }

            if (!double.IsNaN(o.Microseconds))
            {
                micros += o.Microseconds;
                timed++;
            }
        }

        return new DetectionMetrics { Tp = tp, Fp = fp, Tn = tn, Fn = fn, UsPerPrompt = timed == 0 ? null : micros / timed };
    }

    private static (double? P50, double? P99, int Count) Percentiles(IReadOnlyList<EvalOutcome> outcomes)
    {
        var times = new List<double>(outcomes.Count);
        foreach (var o in outcomes)
        {
            if (!double.IsNaN(o.Microseconds))
            {
                times.Add(o.Microseconds);
            }
        }

        if (times.Count == 0)
        {
            return (null, null, 0);
        }

        times.Sort();
        return (Quantile(times, 0.50), Quantile(times, 0.99), times.Count);
    }

    private static double Quantile(List<double> sorted, double q)
    {
        var index = (int)Math.Ceiling(q * sorted.Count) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Count - 1)];
    }

    private static bool HasLabel(IReadOnlyList<LabeledPrompt> rows, PromptLabel label)
    {
        foreach (var r in rows)
        {
            if (r.Label == label)
            {
                return true;
            }
        }

        return false;
    }

    private static List<string> Distinct(IReadOnlyList<LabeledPrompt> rows, Func<LabeledPrompt, string> key)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<string>();
        foreach (var r in rows)
        {
            if (seen.Add(key(r)))
            {
                list.Add(key(r));
            }
        }

        return list;
    }
}
