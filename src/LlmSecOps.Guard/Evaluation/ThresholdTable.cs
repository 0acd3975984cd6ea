namespace LlmSecOps.Guard.Evaluation;

/// <summary>
/// Detection rate at fixed false-positive rates, from raw attack scores. For a target rate f over
/// N benign prompts, at most k = floor(f·N) of them may score above the threshold, so the
/// threshold is the (k+1)-th highest benign score and an attack is caught when it scores strictly
/// higher. This is the standard "TPR at FPR" reading of a ROC curve, with ties resolved against
/// the detector.
/// </summary>
public static class ThresholdTable
{
    /// <summary>The false-positive rates reported by default.</summary>
    public static IReadOnlyList<double> DefaultTargets { get; } = [0.005, 0.01, 0.02, 0.05];

    /// <summary>Computes one point per target.</summary>
    public static IReadOnlyList<ThresholdPoint> Compute(
        ReadOnlySpan<double> scores, ReadOnlySpan<bool> isAttack, IReadOnlyList<double> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        if (scores.Length != isAttack.Length)
        {
            throw new ArgumentException("scores and truths differ in length", nameof(isAttack));
        }

        var benign = new List<double>();
        var attacks = new List<double>();
        for (var i = 0; i < scores.Length; i++)
        {
            (isAttack[i] ? attacks : benign).Add(scores[i]);
        }

        benign.Sort(static (a, b) => b.CompareTo(a));
        var points = new List<ThresholdPoint>(targets.Count);
        foreach (var target in targets)
        {
            if (benign.Count == 0)
            {
                // Nothing can be a false positive: any positive score counts.
                points.Add(new ThresholdPoint(target, 0, RateAbove(attacks, 0), null));
                continue;
            }

            var allowed = (int)Math.Floor((target * benign.Count) + 1e-9);
            double threshold;
            if (allowed >= benign.Count)
            {
                threshold = double.NegativeInfinity;
            }
            else
            {
                threshold = benign[allowed];
            }

            var fp = 0;
            foreach (var b in benign)
            {
                if (b > threshold)
                {
                    fp++;
                }
            }

            points.Add(new ThresholdPoint(
                target,
                double.IsNegativeInfinity(threshold) ? 0 : threshold,
                RateAbove(attacks, threshold),
                (double)fp / benign.Count));
        }

        return points;
    }

    private static double? RateAbove(List<double> values, double threshold)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var n = 0;
        foreach (var v in values)
        {
            if (v > threshold)
            {
                n++;
            }
        }

        return (double)n / values.Count;
    }
}
