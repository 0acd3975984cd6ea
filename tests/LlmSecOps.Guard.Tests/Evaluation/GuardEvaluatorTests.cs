using System.Globalization;
using System.Text.Json;
using LlmSecOps.Core.Policy;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Core.Serialization;
using LlmSecOps.Guard.Evaluation;

namespace LlmSecOps.Guard.Tests.Evaluation;

public sealed class GuardEvaluatorTests
{
    /// <summary>Reports the score written at the start of the text ("0.7 …") as a prompt-injection finding.</summary>
    private sealed class ScoreFromTextScanner : Scanner
    {
        public override string Name => "score-from-text";

        public override IReadOnlyList<string> Categories => [FindingCategories.PromptInjection, FindingCategories.Jailbreak];

        public override ValueTask<ScanResult> ScanAsync(ScanContext context, CancellationToken cancellationToken)
        {
            var head = context.Text.Split(' ')[0];
            if (!double.TryParse(head, NumberStyles.Float, CultureInfo.InvariantCulture, out var score))
            {
                return ScanResult.Empty.AsTask();
            }

            var category = context.Text.Contains("jb", StringComparison.Ordinal) ? FindingCategories.Jailbreak : FindingCategories.PromptInjection;
            return new ScanResult([new Finding { Category = category, Rule = "test.score", Score = score }]).AsTask();
        }
    }

    private static readonly LabeledPrompt[] Rows =
    [
        new("0.9 attack", PromptLabel.Injection, "s", "a.jsonl", 1),
        new("0.3 attack", PromptLabel.Injection, "s", "a.jsonl", 2),
        new("0.8 jb attack", PromptLabel.Jailbreak, "s", "b.jsonl", 1),
        new("0.6 benign", PromptLabel.Benign, "s", "b.jsonl", 2),
        new("plain benign", PromptLabel.Benign, "s", "b.jsonl", 3),
        new("0.2 benign", PromptLabel.Benign, "s", "a.jsonl", 3),
    ];

    private static GuardEngine Engine(GuardPolicy? policy = null) => new(policy ?? GuardPolicy.Default, [new ScoreFromTextScanner()]);

    [Fact]
    public async Task EvaluateAsync_CountsActedOnAttackFindingsOverallPerFileAndPerLabel()
    {
        var report = await GuardEvaluator.EvaluateAsync(Engine(), Rows, new EvalOptions { WarmupRows = 2 }).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal((2, 1, 2, 1), (report.Tp, report.Fp, report.Tn, report.Fn));
        Assert.Equal(6, report.Rows);
        Assert.Equal(2.0 / 3, report.Tpr!.Value, 12);
        Assert.Equal(2.0 / 3, report.F1!.Value, 12);
        Assert.Equal(6, report.TimedRows);
        Assert.True(report.UsPerPrompt > 0);

        var a = report.BySource["a.jsonl"];
        Assert.Equal((1, 0, 1, 1), (a.Tp, a.Fp, a.Tn, a.Fn));
        var b = report.BySource["b.jsonl"];
        Assert.Equal((1, 1, 1, 0), (b.Tp, b.Fp, b.Tn, b.Fn));
        Assert.Equal(["benign", "injection", "jailbreak"], report.ByLabel.Keys);
        Assert.Equal(1, report.ByLabel["jailbreak"].Tp);

        // Raw scores: benign {0.6, 0, 0.2}, attacks {0.9, 0.3, 0.8}; at FPR 0 the threshold is 0.6.
        var strict = report.Thresholds[0];
        Assert.Equal(0.6, strict.Threshold);
        Assert.Equal(2.0 / 3, strict.Tpr!.Value, 12);
    }

    [Fact]
    public async Task EvaluateAsync_ParallelGivesTheSameVerdicts()
    {
        var serial = await GuardEvaluator.EvaluateAsync(Engine(), Rows, new EvalOptions()).WaitAsync(TimeSpan.FromSeconds(30));
        var parallel = await GuardEvaluator.EvaluateAsync(Engine(), Rows, new EvalOptions { Parallel = true, MaxDegreeOfParallelism = 2 }).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal((serial.Tp, serial.Fp, serial.Tn, serial.Fn), (parallel.Tp, parallel.Fp, parallel.Tn, parallel.Fn));
        Assert.True(parallel.TimedRows > 0);
    }

    [Fact]
    public async Task EvaluateAsync_LoggedFindingsAreNotDetections()
    {
        var policy = PolicyLoader.Parse("input: { prompt_injection: log, jailbreak: log }");

        var outcomes = await GuardEvaluator.JudgeAsync(Engine(policy), Rows, new EvalOptions()).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(outcomes, o => Assert.False(o.Detected));
        Assert.Equal(0.9, outcomes[0].AttackScore); // the raw score still feeds the threshold table
    }

    [Fact]
    public async Task Report_SerialisesWithTheDocumentedTopLevelKeys()
    {
        var report = await GuardEvaluator.EvaluateAsync(Engine(), Rows, new EvalOptions()).WaitAsync(TimeSpan.FromSeconds(30));

        using var doc = JsonDocument.Parse(JsonSerializer.Serialize(report, JsonDefaults.Options));
        var root = doc.RootElement;
        foreach (var key in new[] { "tpr", "fpr", "precision", "f1", "us_per_prompt", "by_source", "by_label", "thresholds" })
        {
            Assert.True(root.TryGetProperty(key, out _), key);
        }

        Assert.Equal(1, root.GetProperty("by_source").GetProperty("a.jsonl").GetProperty("tp").GetInt32());
        Assert.Equal(0.005, root.GetProperty("thresholds")[0].GetProperty("fpr_target").GetDouble());
    }
}
