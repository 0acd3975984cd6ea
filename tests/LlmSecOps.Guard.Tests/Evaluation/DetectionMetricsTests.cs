using LlmSecOps.Guard.Evaluation;

namespace LlmSecOps.Guard.Tests.Evaluation;

public sealed class DetectionMetricsTests
{
    [Fact]
    public void From_HandComputedExample_GivesCountsAndRates()
    {
        // 4 attacks (3 caught), 6 benign (1 flagged).
        bool[] truth = [true, true, true, true, false, false, false, false, false, false];
        bool[] predicted = [true, true, true, false, true, false, false, false, false, false];

        var m = DetectionMetrics.From(truth, predicted);

        Assert.Equal((3, 1, 5, 1), (m.Tp, m.Fp, m.Tn, m.Fn));
        Assert.Equal(10, m.Rows);
        Assert.Equal(0.75, m.Tpr);
        Assert.Equal(1.0 / 6, m.Fpr!.Value, 12);
        Assert.Equal(0.75, m.Precision);
        Assert.Equal(0.75, m.F1); // 2·3 / (2·3 + 1 + 1)
    }

    [Fact]
    public void Rates_WithEmptyDenominators_AreNull()
    {
        var benignOnly = DetectionMetrics.From([false, false], [false, false]);

        Assert.Null(benignOnly.Tpr);
        Assert.Equal(0.0, benignOnly.Fpr);
        Assert.Null(benignOnly.Precision);
        Assert.Null(benignOnly.F1);
    }

    [Fact]
    public void From_MismatchedLengths_Throws()
    {
        Assert.Throws<ArgumentException>(() => DetectionMetrics.From([true], [true, false]));
    }
}
