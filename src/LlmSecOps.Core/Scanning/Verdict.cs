namespace LlmSecOps.Core.Scanning;

/// <summary>
/// The decision for one piece of text or one exchange. Ordered by strength so that the verdict
/// of several findings is the maximum of their actions. Names follow the OpenTelemetry
/// <c>gen_ai.guardrail</c> decision vocabulary.
/// </summary>
public enum Verdict
{
    /// <summary>Nothing the policy acts on.</summary>
    Allow = 0,

    /// <summary>Let through, but recorded as suspicious.</summary>
    Flag = 1,

    /// <summary>Let through with the offending spans replaced by typed placeholders.</summary>
    Redact = 2,

    /// <summary>Refused.</summary>
    Block = 3,
}
