namespace LlmSecOps.Guard.Classifier.Training;

/// <summary>
/// Platt scaling: fits p = σ(a·m + b) to labelled margins by weighted maximum likelihood
/// (damped Newton steps on the two parameters), turning raw margins into probabilities. A small
/// ridge on the slope keeps it finite when the margins separate the classes perfectly.
/// </summary>
internal static class PlattScaling
{
    private const double Ridge = 1e-4;

    public static (double Slope, double Intercept) Fit(ReadOnlySpan<double> margins, ReadOnlySpan<bool> positive, ReadOnlySpan<double> weights)
    {
        if (margins.Length != positive.Length || margins.Length != weights.Length)
        {
            throw new ArgumentException("margins, labels and weights differ in length", nameof(weights));
        }

        double a = 1, b = 0;
        var loss = Loss(margins, positive, weights, a, b);
        for (var iteration = 0; iteration < 100; iteration++)
        {
            double ga = Ridge * a, gb = 0, haa = Ridge, hab = 0, hbb = 1e-12;
            for (var i = 0; i < margins.Length; i++)
            {
                var p = LogisticRegression.Sigmoid((a * margins[i]) + b);
                var r = weights[i] * (p - (positive[i] ? 1 : 0));
                var h = weights[i] * p * (1 - p);
                ga += r * margins[i];
                gb += r;
                haa += h * margins[i] * margins[i];
                hab += h * margins[i];
                hbb += h;
            }

            var det = (haa * hbb) - (hab * hab);
            if (!(Math.Abs(det) > 1e-300))
            {
                break;
            }

            var da = ((hbb * ga) - (hab * gb)) / det;
            var db = ((haa * gb) - (hab * ga)) / det;
            var step = 1.0;
            double next;
            while (true)
            {
                next = Loss(margins, positive, weights, a - (step * da), b - (step * db));
                if (next <= loss || step < 1e-6)
                {
                    break;
                }

                step *= 0.5;
            }

            a -= step * da;
            b -= step * db;
            var improvement = loss - next;
            loss = next;
            if (Math.Abs(step * da) + Math.Abs(step * db) < 1e-10 || improvement < 1e-14)
            {
                break;
            }
        }

        return (a, b);
    }

    private static double Loss(ReadOnlySpan<double> margins, ReadOnlySpan<bool> positive, ReadOnlySpan<double> weights, double a, double b)
    {
        var loss = 0.5 * Ridge * a * a;
        for (var i = 0; i < margins.Length; i++)
        {
            var z = (a * margins[i]) + b;
            loss += weights[i] * LogisticRegression.Softplus(positive[i] ? -z : z);
        }

        return loss;
    }
}
