using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using LlmSecOps.Guard.Classifier;

namespace LlmSecOps.Benchmarks.Classifier;

/// <summary>Loading the embedded weights (decompress, dequantise, build the extractor). Budget: 200 ms.</summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.ColdStart, launchCount: 1, warmupCount: 0, iterationCount: 10)]
public class ClassifierLoadBenchmarks
{
    [Benchmark]
    public object LoadEmbedded()
    {
        using var stream = DetectorModel.OpenEmbedded() ?? throw new InvalidOperationException("the Guard assembly carries no classifier weights");
        return DetectorModelFormat.Read(stream);
    }
}
