using LlmSecOps.Core.Scanning;
using LlmSecOps.Guard;

namespace LlmSecOps.RedTeam.Detectors;

/// <summary>
/// Runs the guard engine's output scanners over the reply (secrets, PII, canary and system-prompt
/// leaks, exfiltration links, …) and scores the attempt with the highest raw score among the
/// chosen categories, so a probe can ask "would our own guard have flagged this reply?". With no
/// scanners registered for a category it simply finds nothing; the dedicated detectors stand on
/// their own.
/// </summary>
internal sealed class GuardDetector(GuardEngine engine, IReadOnlyList<string> categories) : Detector
{
    public override string Name => "guard";

    public override async ValueTask<DetectorResult> DetectAsync(DetectorContext context, CancellationToken cancellationToken)
    {
        var result = await engine.ScanAsync(
            new ScanRequest
            {
                Direction = Direction.Output,
                Text = context.Response,
                SystemPrompt = context.SystemPrompt,
                Canaries = [.. context.Canaries, .. context.Secrets],
                Principal = Principal.Local,
            },
            cancellationToken).ConfigureAwait(false);

        var best = DetectorResult.None;
        foreach (var (category, score) in result.Scores)
        {
            if (categories.Count > 0 && !categories.Contains(category, StringComparer.Ordinal))
            {
                continue;
            }

            if (score > best.Score)
            {
                var finding = result.Findings.FirstOrDefault(f => f.Category == category);
                best = new DetectorResult(Math.Clamp(score, 0, 1), $"guard {category}: {finding?.Message ?? finding?.Evidence ?? "score " + score.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}");
            }
        }

        return best;
    }
}
