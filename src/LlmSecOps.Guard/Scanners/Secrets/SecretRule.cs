using System.Text.RegularExpressions;
using LlmSecOps.Core.Scanning;

namespace LlmSecOps.Guard.Scanners.Secrets;

/// <summary>One credential format.</summary>
internal sealed record SecretRule
{
    /// <summary>Kind of credential; the rule id is <c>secret.&lt;kind&gt;</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>Entity label for redaction placeholders.</summary>
    public required string Entity { get; init; }

    /// <summary>Human name, used in messages.</summary>
    public required string Description { get; init; }

    /// <summary>The pattern; a group named <c>v</c>, when present, is the secret.</summary>
    public required Regex Pattern { get; init; }

    /// <summary>
    /// Literal fragments (matched case-insensitively) of which at least one must occur for the
    /// pattern to be worth running; empty means always run.
    /// </summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary>
    /// Whether the pattern starts with <c>\G</c> and is run only at the places where one of the
    /// keywords occurs, instead of over the whole text. For patterns whose start no literal
    /// search can find quickly.
    /// </summary>
    public bool AnchoredAtKeywords { get; init; }

    /// <summary>Score of a match that passes the check.</summary>
    public double Score { get; init; } = 0.95;

    /// <summary>Severity of a match.</summary>
    public Severity Severity { get; init; } = Severity.High;

    /// <summary>Extra validation of a match; null accepts every match at <see cref="Score"/>.</summary>
    public SecretCheck? Check { get; init; }

    /// <summary>
    /// Where the secret ends when it runs past the pattern (a PEM body after its header); null
    /// keeps the end of the match or of its <c>v</c> group.
    /// </summary>
    public Func<string, Match, int>? ExtendEnd { get; init; }

    /// <summary>The rule id.</summary>
    public string RuleId => "secret." + Kind;
}
