namespace LlmSecOps.Core.Scanning;

/// <summary>One thing a scanner found. Immutable; the engine fills <see cref="Action"/> from the policy.</summary>
public sealed record Finding
{
    /// <summary>One of <see cref="FindingCategories"/>.</summary>
    public required string Category { get; init; }

    /// <summary>Stable rule id, e.g. <c>secret.aws_access_key</c> or <c>injection.ignore_previous</c>.</summary>
    public required string Rule { get; init; }

    /// <summary>Confidence from 0 to 1.</summary>
    public double Score { get; init; } = 1.0;

    /// <summary>How bad the finding is.</summary>
    public Severity Severity { get; init; } = Severity.Medium;

    /// <summary>Where in the original text the evidence is, when it can be located.</summary>
    public TextSpan? Span { get; init; }

    /// <summary>Human explanation: why this fired.</summary>
    public string? Message { get; init; }

    /// <summary>
    /// The matched text, safe to show: scanners of sensitive categories (secrets, PII) put a masked
    /// form here, never the value.
    /// </summary>
    public string? Evidence { get; init; }

    /// <summary>Entity label used for the redaction placeholder, e.g. <c>EMAIL</c> gives <c>[EMAIL_1]</c>.</summary>
    public string? Entity { get; init; }

    /// <summary>The decoded payload when the match was found inside an encoding (base64, hex, …).</summary>
    public string? Decoded { get; init; }

    /// <summary>The chain of encodings peeled to reach the match, outermost first (e.g. <c>base64</c>, <c>rot13</c>).</summary>
    public IReadOnlyList<string>? Encodings { get; init; }

    /// <summary>Top-weighted features or sub-rules that explain a model-based score.</summary>
    public IReadOnlyList<string>? Explanation { get; init; }

    /// <summary>Index of the message in a conversation, when scanning several.</summary>
    public int? MessageIndex { get; init; }

    /// <summary>What the policy does with this finding; set by the engine.</summary>
    public PolicyAction Action { get; init; } = PolicyAction.Flag;
}
