using LlmSecOps.Guard.Classifier.Training;

namespace LlmSecOps.Guard.Tests.Classifier;

public sealed class LogisticRegressionTests
{
    [Fact]
    public void Train_SeparableToyProblem_ConvergesToTheRightDecision()
    {
        // Label: x0 > x1. Points on a grid, both features always present.
        var x = new SparseRows(2);
        var labels = new List<bool>();
        for (var a = 0; a < 6; a++)
        {
            for (var b = 0; b < 6; b++)
            {
                if (a == b)
                {
                    continue;
                }

                x.Add([0, 1], [a / 5f, b / 5f]);
                labels.Add(a > b);
            }
        }

        var rows = Enumerable.Range(0, x.Count).ToArray();
        var weights = Enumerable.Repeat(1.0, x.Count).ToArray();

        var fit = LogisticRegression.Train(x, rows, [.. labels], weights, l2: 1e-3);

        Assert.True(fit.Converged);
        Assert.True(fit.Weights[0] > 0 && fit.Weights[1] < 0);
        Assert.Equal(-fit.Weights[0], fit.Weights[1], 3); // the problem is symmetric
        for (var i = 0; i < x.Count; i++)
        {
            var margin = x.Dot(i, [fit.Weights[0], fit.Weights[1]], fit.Bias);
            Assert.Equal(labels[i], margin > 0);
        }
    }

    [Fact]
    public void Train_StrongerRegularisation_GivesSmallerWeights()
    {
        var x = new SparseRows(1);
        x.Add([0], [1f]);
        x.Add([0], [-1f]);
        bool[] labels = [true, false];

        var weak = LogisticRegression.Train(x, [0, 1], labels, [1, 1], l2: 1e-3);
        var strong = LogisticRegression.Train(x, [0, 1], labels, [1, 1], l2: 1);

        Assert.True(weak.Weights[0] > strong.Weights[0]);
        Assert.True(strong.Weights[0] > 0);
    }

    [Fact]
    public void PlattScaling_RecoversAKnownSlopeAndIntercept()
    {
        // Margins drawn so that P(positive | m) = σ(2m − 1): count-weighted rows at each margin.
        var margins = new List<double>();
        var labels = new List<bool>();
        var weights = new List<double>();
        for (var m = -3.0; m <= 3.0; m += 0.25)
        {
            var p = LogisticRegression.Sigmoid((2 * m) - 1);
            margins.Add(m);
            labels.Add(true);
            weights.Add(p);
            margins.Add(m);
            labels.Add(false);
            weights.Add(1 - p);
        }

        var (slope, intercept) = PlattScaling.Fit([.. margins], [.. labels], [.. weights]);

        Assert.Equal(2, slope, 2);
        Assert.Equal(-1, intercept, 2);
    }
}
