using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using LlmSecOps.Lint.Config;
using LlmSecOps.Lint.Engine;

namespace LlmSecOps.Benchmarks.Lint;

/// <summary>
/// Lints a generated project of 10,000 prompt, configuration and source files, end to end
/// (discovery, reading, parsing, every rule, guard-backed secret/PII checks, suppressions),
/// in parallel over the machine's cores. Set LLMSECOPS_LINT_CORPUS to keep the generated
/// project in that directory (to time the command line on the same files).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(LintBenchmarks.Settings))]
public class LintBenchmarks
{
    private string _root = null!;
    private bool _keep;
    private LintEngine _engine = null!;

    [Params(10_000)]
    public int Files { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var requested = Environment.GetEnvironmentVariable("LLMSECOPS_LINT_CORPUS");
        _keep = !string.IsNullOrEmpty(requested);
        _root = _keep ? Path.GetFullPath(requested!) : Path.Combine(Path.GetTempPath(), "llmsecops-lint-bench-" + Guid.NewGuid().ToString("N")[..8]);
        if (!Directory.Exists(_root) || Directory.GetFiles(_root, "*", SearchOption.AllDirectories).Length != Files)
        {
            LintCorpus.Generate(_root, Files);
        }

        _engine = new LintEngine(new LintOptions { Root = _root, Config = LintConfig.Default with { BaseDirectory = _root } });
    }

    [Benchmark]
    public async Task<int> LintProject()
    {
        var result = await _engine.RunAsync(["."]);
        if (result.FilesScanned != Files)
        {
            throw new InvalidOperationException($"scanned {result.FilesScanned} of {Files} files; notices: {string.Join("; ", result.Notices.Take(3))}");
        }

        return result.Findings.Count;
    }

    /// <summary>
    /// Each operation is seconds long, so a few monitored iterations in process are enough; running
    /// in process also avoids rebuilding the whole solution for a separate benchmark executable.
    /// </summary>
    public sealed class Settings : ManualConfig
    {
        public Settings()
        {
            AddJob(Job.Default
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithStrategy(RunStrategy.Monitoring)
                .WithLaunchCount(1)
                .WithWarmupCount(1)
                .WithIterationCount(5));
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (!_keep && Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
