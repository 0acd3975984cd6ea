using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using LlmSecOps.Core.Policy;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Guard;
using LlmSecOps.Guard.Scanners;
using LlmSecOps.Guard.Text;

namespace LlmSecOps.Benchmarks;

/// <summary>
/// Normalisation and payload decoding (the shared text analysis), the prompt-injection rule
/// scanner (analysis included, as in the pipeline) and the invisible-text scanner on prompts of
/// 100 B to 100 KB. The prompt is ordinary prose with code, numbers and punctuation, so the
/// numbers show the cost every clean request pays.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PercentileConfig))]
public class InjectionScannerBenchmarks
{
    private const string Paragraph =
        "Our team reviewed the quarterly report on Tuesday and agreed to move the launch to March 14. " +
        "Could you write a Python function that reads orders.csv, groups rows by customer_id and returns the top 10 by revenue? " +
        "Please keep the code simple, add type hints, and explain any edge cases (empty files, missing columns, unicode names like José or Zoë). " +
        "Last year's numbers were 1,204 orders, 3.5% churn and an average basket of $42.10; see https://example.com/reports/q3 for details.\n";

    private readonly PromptInjectionScanner _injection = new();
    private readonly InvisibleTextScanner _invisible = new();
    private string _text = string.Empty;

    /// <summary>Prompt size in characters.</summary>
    [Params(100, 1024, 10 * 1024, 100 * 1024)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var sb = new StringBuilder(Size + Paragraph.Length);
        while (sb.Length < Size)
        {
            sb.Append(Paragraph);
        }

        _text = sb.ToString(0, Size);
    }

    private ScanContext NewContext() => new() { Text = _text, Direction = Direction.Input, Policy = GuardPolicy.Default };

    [Benchmark(Description = "normalise")]
    public int Normalize() => TextNormalizer.Normalize(_text).Map.Length;

    [Benchmark(Description = "normalise+decode")]
    public int Analysis() => TextAnalysis.Create(_text).Decoded.Count;

    [Benchmark(Description = "injection scanner (with analysis)")]
    public int Injection() => _injection.ScanAsync(NewContext(), CancellationToken.None).Result.Findings.Count;

    [Benchmark(Description = "invisible-text scanner")]
    public int Invisible() => _invisible.ScanAsync(NewContext(), CancellationToken.None).Result.Findings.Count;

    private sealed class PercentileConfig : ManualConfig
    {
        public PercentileConfig()
        {
            AddColumn(StatisticColumn.Median, StatisticColumn.P95);
        }
    }
}
