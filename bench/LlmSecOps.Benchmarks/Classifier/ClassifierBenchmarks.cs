using BenchmarkDotNet.Attributes;
using LlmSecOps.Core.Policy;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Guard;
using LlmSecOps.Guard.Classifier;
using LlmSecOps.Guard.Scanners;
using LlmSecOps.Guard.Text;

namespace LlmSecOps.Benchmarks.Classifier;

/// <summary>
/// Classifier inference on benign prompts of 100 B, 1 KB and 10 KB: feature extraction plus both
/// heads on already-normalised text (<see cref="Score"/>), the scanner including normalisation
/// (<see cref="Scanner"/>), and the whole default input pipeline (<see cref="DefaultPipeline"/>).
/// Budget: 50 µs per 1 KB prompt for the classifier, p99 250 µs for the pipeline.
/// </summary>
[MemoryDiagnoser]
public class ClassifierBenchmarks
{
    private DetectorModel _model = null!;
    private ClassifierScanner _scanner = null!;
    private GuardEngine _engine = null!;
    private string _text = string.Empty;
    private string _normalized = string.Empty;

    [Params(100, 1024, 10240)]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _model = DetectorModel.Embedded ?? throw new InvalidOperationException("the Guard assembly carries no classifier weights");
        _scanner = new ClassifierScanner(_model);
        _engine = GuardEngine.Create();
        _text = BenchmarkPrompts.Benign(Bytes);
        _normalized = TextNormalizer.Normalize(_text).Normalized;
    }

    [Benchmark(Baseline = true)]
    public double Score() => _model.Score(_normalized, _text).Probability;

    [Benchmark]
    public async ValueTask<int> Scanner()
    {
        var context = new ScanContext { Direction = Direction.Input, Text = _text, Policy = GuardPolicy.Default };
        var result = await _scanner.ScanAsync(context, CancellationToken.None).ConfigureAwait(false);
        return result.Findings.Count;
    }

    [Benchmark]
    public async ValueTask<Verdict> DefaultPipeline()
    {
        var result = await _engine.ScanAsync(new ScanRequest { Text = _text }).ConfigureAwait(false);
        return result.Verdict;
    }
}
