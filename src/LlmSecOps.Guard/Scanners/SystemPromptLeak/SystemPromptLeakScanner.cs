using System.Globalization;
using System.Runtime.CompilerServices;
using LlmSecOps.Core.Policy;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Guard.Scanners.Common;

namespace LlmSecOps.Guard.Scanners.SystemPromptLeak;

/// <summary>
/// Detects a completion that repeats the system prompt. Both texts are normalised and cut into
/// word 5-gram shingles; the overlap is the fraction of the prompt's distinct shingles that occur
/// in the completion. Because words, not characters, are compared, reformatting (markdown, line
/// breaks, punctuation, case) does not hide a leak, and a small edit only removes the few
/// shingles that span it. A second rule fires on a long verbatim run (30 words by default)
/// whatever the overall overlap, for long prompts leaked in part.
/// </summary>
/// <remarks>
/// The policy states the leak threshold as an overlap (<c>system_prompt_leak.threshold</c>,
/// default 0.4) while the engine drops findings under the category's score threshold (default
/// 0.5). The reported score is therefore the overlap mapped piecewise-linearly so that the leak
/// threshold lands exactly on the engine threshold (0 → 0, leak threshold → engine threshold,
/// 1 → 1); the raw overlap is in the message and the explanation.
/// </remarks>
internal sealed class SystemPromptLeakScanner : Scanner
{
    private static readonly string[] ScannerCategories = [FindingCategories.SystemPromptLeak];

    private readonly SystemPromptLeakScannerOptions _options;

    // A streamed completion is scanned many times against the same prompt string; the profile
    // depends on the options, so the cache belongs to the instance.
    private readonly ConditionalWeakTable<string, SystemPromptProfile> _profiles = new();

    public SystemPromptLeakScanner(SystemPromptLeakScannerOptions? options = null)
    {
        _options = options ?? SystemPromptLeakScannerOptions.Default;
        OptionsValidation.ThrowIfInvalid(_options.Validate(), nameof(options));
    }

    public override string Name => "system_prompt_leak";

    public override IReadOnlyList<string> Categories => ScannerCategories;

    public override bool Supports(Direction direction) => direction is Direction.Output or Direction.ToolCall;

    public override ValueTask<ScanResult> ScanAsync(ScanContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var systemPrompt = context.SystemPrompt;
        if (string.IsNullOrWhiteSpace(systemPrompt) || context.Text.Length == 0)
        {
            return ScanResult.Empty.AsTask();
        }

        var profile = GetProfile(systemPrompt);
        if (profile.WordCount < _options.MinPromptWords || profile.Shingles.Count == 0)
        {
            return ScanResult.Empty.AsTask();
        }

        var analysis = context.Analysis;
        var words = WordShingles.Words(analysis.Normalized);
        var size = profile.ShingleSize;
        if (words.Count < size)
        {
            return ScanResult.Empty.AsTask();
        }

        HashSet<ulong>? matched = null;
        var run = 0;
        var bestRun = 0;
        var bestRunStart = 0;
        for (var i = 0; i + size <= words.Count; i++)
        {
            var h = WordShingles.Shingle(words, i, size);
            if (profile.Shingles.Contains(h))
            {
                (matched ??= []).Add(h);
                run++;
                if (run > bestRun)
                {
                    bestRun = run;
                    bestRunStart = i - run + 1;
                }
            }
            else
            {
                run = 0;
            }
        }

        if (matched is null)
        {
            return ScanResult.Empty.AsTask();
        }

        var overlap = (double)matched.Count / profile.Shingles.Count;
        var score = Calibrate(overlap, context.Policy);
        var runWords = bestRun + size - 1;
        var first = words[bestRunStart];
        var last = words[bestRunStart + runWords - 1];
        var span = analysis.MapToOriginal(first.Start, last.End - first.Start);
        var overlapText = overlap.ToString("0.00", CultureInfo.InvariantCulture);
        var findings = new List<Finding>(2)
        {
            new()
            {
                Category = FindingCategories.SystemPromptLeak,
                Rule = "system_prompt_leak.overlap",
                Score = score,
                Severity = score >= 0.5 ? Severity.High : Severity.Low,
                Span = span,
                Message = $"{overlapText} of the system prompt's {size}-word shingles appear in the text",
                Explanation = [$"overlap={overlapText}", $"longest_run_words={runWords}"],
            },
        };

        if (runWords >= _options.VerbatimWords)
        {
            findings.Add(new Finding
            {
                Category = FindingCategories.SystemPromptLeak,
                Rule = "system_prompt_leak.verbatim",
                Score = Math.Max(0.9, score),
                Severity = Severity.High,
                Span = span,
                Message = $"{runWords} consecutive words of the system prompt repeated",
                Explanation = [$"overlap={overlapText}", $"longest_run_words={runWords}"],
            });
        }

        return new ScanResult(findings).AsTask();
    }

    /// <summary>Maps an overlap so that the policy's leak threshold falls on the engine's score threshold.</summary>
    internal static double Calibrate(double overlap, GuardPolicy policy)
    {
        var engine = policy.ThresholdFor(FindingCategories.SystemPromptLeak);
        var leak = Math.Clamp(policy.SystemPromptLeakThreshold, 0.01, 1.0);
        overlap = Math.Clamp(overlap, 0, 1);
        if (overlap >= leak)
        {
            return leak >= 1.0 ? 1.0 : engine + ((1 - engine) * (overlap - leak) / (1 - leak));
        }

        return engine * overlap / leak;
    }

    private SystemPromptProfile GetProfile(string systemPrompt) =>
        _profiles.GetValue(systemPrompt, p => SystemPromptProfile.Create(p, _options.ShingleSize));
}
