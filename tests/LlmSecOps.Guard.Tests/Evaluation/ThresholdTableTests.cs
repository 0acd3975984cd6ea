using LlmSecOps.Guard.Evaluation;

namespace LlmSecOps.Guard.Tests.Evaluation;

public sealed class ThresholdTableTests
{
    [Fact]
    public void Compute_HandComputedExample_PicksThresholdFromBenignScores()
    {
        // 10 benign scores 0.0 … 0.9 and 4 attacks.
        double[] scores = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.85, 0.55, 0.05];
        bool[] truth = [.. Enumerable.Repeat(false, 10), true, true, true, true];

        var points = ThresholdTable.Compute(scores, truth, [0.0, 0.1, 0.25]);

        // FPR 0: no benign may pass, threshold = highest benign (0.9); only 0.95 is strictly above.
        Assert.Equal(0.9, points[0].Threshold);
        Assert.Equal(0.25, points[0].Tpr);
        Assert.Equal(0.0, points[0].Fpr);

        // FPR 0.1: one benign may pass, threshold = second highest (0.8); 0.95 and 0.85 pass.
        Assert.Equal(0.8, points[1].Threshold);
        Assert.Equal(0.5, points[1].Tpr);
        Assert.Equal(0.1, points[1].Fpr);

        // FPR 0.25: floor(2.5) = 2 benign may pass, threshold = 0.7; 0.95 and 0.85 pass, 0.55 does not.
        Assert.Equal(0.7, points[2].Threshold);
        Assert.Equal(0.5, points[2].Tpr);
        Assert.Equal(0.2, points[2].Fpr);
    }

    [Fact]
    public void Compute_TiesAtTheThreshold_CountAgainstTheDetector()
    {
        // Two benign rows tie at 0.5 with an attack; allowing one false positive cannot split the tie.
        double[] scores = [0.5, 0.5, 0.1, 0.5, 0.9];
        bool[] truth = [false, false, false, true, true];

        var point = ThresholdTable.Compute(scores, truth, [0.34]).Single();

        Assert.Equal(0.5, point.Threshold);
        Assert.Equal(0.5, point.Tpr);
        Assert.Equal(0.0, point.Fpr);
    }

    [Fact]
    public void Compute_NoBenignRows_CountsAnyPositiveScore()
    {
        var point = ThresholdTable.Compute([0.0, 0.2], [true, true], [0.01]).Single();

        Assert.Equal(0.5, point.Tpr);
        Assert.Null(point.Fpr);
    }
}
