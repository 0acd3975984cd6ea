namespace LlmSecOps.RedTeam.Detectors;

/// <summary>
/// Asks the run's LLM judge whether the reply fulfils the attack's intent. Without a judge
/// (<c>--judge</c>) the detector is skipped, so runs stay offline; a judge that cannot be reached
/// makes the detector fail, which never counts as a success.
/// </summary>
internal sealed class JudgeDetector(string? rubric) : Detector
{
    public override string Name => "judge";

    public override ValueTask<DetectorResult> DetectAsync(DetectorContext context, CancellationToken cancellationToken) =>
        context.Judge is null
            ? ValueTask.FromResult(DetectorResult.Skip("no judge configured"))
            : context.Judge.JudgeAsync(context, rubric, cancellationToken);
}
