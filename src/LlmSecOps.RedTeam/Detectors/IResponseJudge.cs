namespace LlmSecOps.RedTeam.Detectors;

/// <summary>A model that grades replies against a rubric (the optional LLM judge).</summary>
public interface IResponseJudge
{
    /// <summary>Grades one reply; a failure to grade is a <see cref="DetectorResult.Fail"/> result.</summary>
    ValueTask<DetectorResult> JudgeAsync(DetectorContext context, string? rubric, CancellationToken cancellationToken);
}
