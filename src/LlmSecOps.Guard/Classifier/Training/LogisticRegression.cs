namespace LlmSecOps.Guard.Classifier.Training;

/// <summary>
/// Weighted, L2-regularised logistic regression fitted by L-BFGS over sparse rows. The
/// objective is convex, so the fit is the same whatever the row order, and with sequential sums
/// it is bit-for-bit reproducible. The bias is not regularised.
/// <code>
/// minimise  Σ cᵢ · log(1 + exp(−sᵢ·(w·xᵢ + b)))  +  Σⱼ λⱼ/2 · wⱼ²     (sᵢ = ±1, Σ cᵢ = 1)
/// </code>
/// λⱼ is λ, or λ·<c>negativeFactor</c> for a negative weight among the first
/// <c>asymmetricCount</c> features. A penalty that is heavier on the negative side keeps the model
/// from learning "what benign text looks like" n-gram by n-gram, which does not carry over to kinds
/// of benign text it has not seen; benign-ness then rests on the bias and attacks need evidence.
/// The penalty stays convex and continuously differentiable.
/// </summary>
internal static class LogisticRegression
{
    private const int History = 8;
    private const double ArmijoC1 = 1e-4;
    private const int Blocks = 4;

    /// <summary>A fitted model and how the fit went.</summary>
    public sealed record Fit(float[] Weights, float Bias, int Iterations, double Objective, bool Converged);

    /// <summary>Fits weights on the given rows.</summary>
    /// <param name="x">Feature rows.</param>
    /// <param name="rows">Ids of the rows to fit on.</param>
    /// <param name="positive">Label per row id.</param>
    /// <param name="weight">Importance per row id; normalised over <paramref name="rows"/> to sum to 1.</param>
    /// <param name="l2">λ.</param>
    /// <param name="maxIterations">Iteration cap.</param>
    /// <param name="tolerance">Stop when the largest gradient component falls under this.</param>
    /// <param name="negativeFactor">Multiplier of λ for negative weights among the first <paramref name="asymmetricCount"/> features.</param>
    /// <param name="asymmetricCount">How many leading features get the asymmetric penalty.</param>
    public static Fit Train(
        SparseRows x, int[] rows, bool[] positive, double[] weight, double l2, int maxIterations = 400, double tolerance = 1e-7,
        double negativeFactor = 1, int asymmetricCount = 0)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(positive);
        ArgumentNullException.ThrowIfNull(weight);
        if (rows.Length == 0)
        {
            throw new ArgumentException("nothing to train on", nameof(rows));
        }

        double total = 0;
        foreach (var r in rows)
        {
            total += weight[r];
        }

        if (!(total > 0))
        {
            throw new ArgumentException("row weights must sum to a positive number", nameof(weight));
        }

        var c = new double[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            c[i] = weight[rows[i]] / total;
        }

        var n = x.Dimension + 1; // last slot is the bias
        var w = new double[n];
        var g = new double[n];
        var partial = new double[Math.Min(Blocks, rows.Length)][];
        for (var b = 0; b < partial.Length; b++)
        {
            partial[b] = new double[n];
        }

        var penalty = new Penalty(l2, negativeFactor, Math.Clamp(asymmetricCount, 0, x.Dimension));
        var f = Evaluate(x, rows, positive, c, penalty, w, g, partial);

        var s = new double[History][];
        var y = new double[History][];
        var rho = new double[History];
        var alpha = new double[History];
        var stored = 0;
        var head = 0;
        var d = new double[n];
        var wNew = new double[n];
        var gNew = new double[n];
        var iterations = 0;
        var converged = false;
        while (iterations < maxIterations)
        {
            if (MaxAbs(g) < tolerance)
            {
                converged = true;
                break;
            }

            // Two-loop recursion: d = −H·g.
            Array.Copy(g, d, n);
            for (var k = 0; k < stored; k++)
            {
                var j = (head - 1 - k + History) % History;
                alpha[j] = rho[j] * DotProduct(s[j], d);
                Axpy(-alpha[j], y[j], d);
            }

            if (stored > 0)
            {
                var last = (head - 1 + History) % History;
                Scale(d, DotProduct(s[last], y[last]) / DotProduct(y[last], y[last]));
            }

            for (var k = stored - 1; k >= 0; k--)
            {
                var j = (head - 1 - k + History) % History;
                var beta = rho[j] * DotProduct(y[j], d);
                Axpy(alpha[j] - beta, s[j], d);
            }

            Scale(d, -1);
            var slope = DotProduct(g, d);
            if (slope >= 0)
            {
                // Not a descent direction (numerical trouble): restart from steepest descent.
                stored = 0;
                Array.Copy(g, d, n);
                Scale(d, -1);
                slope = DotProduct(g, d);
            }

            var step = stored == 0 ? Math.Min(1.0, 1.0 / Math.Sqrt(DotProduct(g, g))) : 1.0;
            double fNew;
            var tries = 0;
            while (true)
            {
                for (var i = 0; i < n; i++)
                {
                    wNew[i] = w[i] + (step * d[i]);
                }

                fNew = Evaluate(x, rows, positive, c, penalty, wNew, gNew, partial);
                if (fNew <= f + (ArmijoC1 * step * slope) || ++tries >= 40)
                {
                    break;
                }

                step *= 0.5;
            }

            iterations++;
            if (!(fNew < f))
            {
                converged = true; // no further progress is possible at this precision
                break;
            }

            s[head] ??= new double[n];
            y[head] ??= new double[n];
            for (var i = 0; i < n; i++)
            {
                s[head][i] = wNew[i] - w[i];
                y[head][i] = gNew[i] - g[i];
            }

            var sy = DotProduct(s[head], y[head]);
            if (sy > 1e-12)
            {
                rho[head] = 1.0 / sy;
                head = (head + 1) % History;
                stored = Math.Min(stored + 1, History);
            }

            var decrease = f - fNew;
            (w, wNew) = (wNew, w);
            (g, gNew) = (gNew, g);
            f = fNew;
            if (decrease < 1e-10 * Math.Max(1.0, Math.Abs(f)))
            {
                converged = true;
                break;
            }
        }

        var weights = new float[x.Dimension];
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = (float)w[i];
        }

        return new Fit(weights, (float)w[n - 1], iterations, f, converged);
    }

    private readonly record struct Penalty(double L2, double NegativeFactor, int AsymmetricCount);

    /// <summary>Numerically safe log(1 + e^z).</summary>
    public static double Softplus(double z) => z > 0 ? z + Math.Log(1 + Math.Exp(-z)) : Math.Log(1 + Math.Exp(z));

    /// <summary>The logistic function.</summary>
    public static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    /// <summary>
    /// Objective and gradient. Rows are cut into a fixed number of blocks whatever the core count;
    /// each block sums into its own buffer and the buffers are added in block order, so the result
    /// is the same bit for bit however the blocks are scheduled.
    /// </summary>
    private static double Evaluate(SparseRows x, int[] rows, bool[] positive, double[] c, Penalty penalty, double[] w, double[] g, double[][] partial)
    {
        var n = w.Length;
        var blocks = partial.Length;
        var losses = new double[blocks];
        Parallel.For(0, blocks, b =>
        {
            var grad = partial[b];
            Array.Clear(grad);
            var weights = w.AsSpan(0, n - 1);
            var bias = w[n - 1];
            var from = (int)((long)rows.Length * b / blocks);
            var to = (int)((long)rows.Length * (b + 1) / blocks);
            double loss = 0;
            for (var k = from; k < to; k++)
            {
                var r = rows[k];
                var margin = x.Dot(r, weights, bias);
                var sign = positive[r] ? 1.0 : -1.0;
                loss += c[k] * Softplus(-sign * margin);
                var residual = c[k] * (Sigmoid(margin) - (positive[r] ? 1.0 : 0.0));
                var idx = x.Indices(r);
                var val = x.Values(r);
                for (var j = 0; j < idx.Length; j++)
                {
                    grad[idx[j]] += residual * val[j];
                }

                grad[n - 1] += residual;
            }

            losses[b] = loss;
        });

        double f = 0;
        for (var i = 0; i < n - 1; i++)
        {
            var l2 = w[i] < 0 && i < penalty.AsymmetricCount ? penalty.L2 * penalty.NegativeFactor : penalty.L2;
            g[i] = l2 * w[i];
            f += 0.5 * l2 * w[i] * w[i];
        }

        g[n - 1] = 0;
        for (var b = 0; b < blocks; b++)
        {
            f += losses[b];
            var grad = partial[b];
            for (var i = 0; i < n; i++)
            {
                g[i] += grad[i];
            }
        }

        return f;
    }

    private static double DotProduct(double[] a, double[] b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private static void Axpy(double a, double[] x, double[] y)
    {
        for (var i = 0; i < x.Length; i++)
        {
            y[i] += a * x[i];
        }
    }

    private static void Scale(double[] x, double a)
    {
        for (var i = 0; i < x.Length; i++)
        {
            x[i] *= a;
        }
    }

    private static double MaxAbs(double[] x)
    {
        double max = 0;
        foreach (var v in x)
        {
            max = Math.Max(max, Math.Abs(v));
        }

        return max;
    }
}
