using LlmSecOps.Guard.Classifier.Training;

namespace LlmSecOps.Guard.Tests.Classifier;

public sealed class StructuredDataGeneratorTests
{
    [Fact]
    public void Decorate_SameSeed_SameText_AndKeepsTheBase()
    {
        var a = new SplitMix64(5);
        var b = new SplitMix64(5);

        var first = StructuredDataGenerator.Decorate("Check my order please.", ref a);
        var second = StructuredDataGenerator.Decorate("Check my order please.", ref b);

        Assert.Equal(first, second);
        Assert.StartsWith("Check my order please.", first, StringComparison.Ordinal);
        Assert.True(first.Length > "Check my order please.".Length);
    }

    [Fact]
    public void Value_CoversSeveralKindsOfStructuredData()
    {
        var random = new SplitMix64(9);
        var values = Enumerable.Range(0, 300).Select(_ => StructuredDataGenerator.Value(ref random)).ToList();

        Assert.Contains(values, v => v.Contains('@', StringComparison.Ordinal));
        Assert.Contains(values, v => v.StartsWith("https://", StringComparison.Ordinal));
        Assert.Contains(values, v => v.StartsWith("INV-", StringComparison.Ordinal));
        Assert.Contains(values, v => v.StartsWith('+'));
        Assert.All(values, v => Assert.False(string.IsNullOrWhiteSpace(v)));
    }
}
