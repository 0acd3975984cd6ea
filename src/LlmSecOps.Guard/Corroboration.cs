using System.Globalization;
using LlmSecOps.Core.Scanning;

namespace LlmSecOps.Guard;

/// <summary>
/// Joins the opinions of two different scanners on the same text when neither is sure enough on
/// its own. The rule-based scanner and the trained classifier look at a prompt in different
/// ways: a role-play framing around a harmful request may score 0.45 on the rules and 0.35 on
/// the classifier, each under the threshold, while benign prompts rarely score high on both.
/// <para>
/// With <c>a</c> the higher and <c>b</c> the lower of the two scanners' best attack scores, the
/// joint score is <c>a + (1 − a)·(b − Floor)/(1 − Floor)</c>: the second opinion closes the gap
/// between <c>a</c> and 1 in proportion to how far it stands above <see cref="Floor"/>. A second
/// opinion at or under the floor adds nothing (the joint score is then not reported). The floor
/// allows for the scanners not being independent (the classifier's features include the same
/// override and persona vocabulary the rules read), and was chosen so that no benign prompt of
/// the evaluation and training sets changed verdict while attacks close to the threshold on both
/// sides were caught.
/// </para>
/// </summary>
internal struct Corroboration
{
    /// <summary>Score a second opinion must exceed before it raises the first.</summary>
    public const double Floor = 0.2;

    /// <summary>Suffix of the rule id of a joint finding, after <c>injection.</c> or <c>jailbreak.</c>.</summary>
    public const string RuleSuffix = "corroborated";

    private Finding? _first;
    private string? _firstScanner;
    private Finding? _second;
    private string? _secondScanner;

    /// <summary>Notes an attack finding of a scanner; only each scanner's best counts, and only the two strongest scanners.</summary>
    public void Offer(string scanner, Finding finding)
    {
        if (_firstScanner is null || scanner == _firstScanner)
        {
            if (_first is null || finding.Score > _first.Score)
            {
                _first = finding;
                _firstScanner = scanner;
            }
        }
        else if (_second is null || scanner == _secondScanner || finding.Score > _second.Score)
        {
            // A scanner's better finding, or a third scanner stronger than the second.
            if (_second is null || finding.Score > _second.Score)
            {
                _second = finding;
                _secondScanner = scanner;
            }
        }

        if (_second is not null && _second.Score > _first!.Score)
        {
            (_first, _second) = (_second, _first);
            (_firstScanner, _secondScanner) = (_secondScanner, _firstScanner);
        }
    }

    /// <summary>The joint score of two opinions; at most the higher one when the lower is at or under <see cref="Floor"/>.</summary>
    public static double Join(double a, double b)
    {
        if (a < b)
        {
            (a, b) = (b, a);
        }

        return b <= Floor ? a : a + ((1 - a) * (b - Floor) / (1 - Floor));
    }

    /// <summary>
    /// The joint score, when two scanners reported an attack and the weaker stands above
    /// <see cref="Floor"/>; its category is that of the stronger opinion.
    /// </summary>
    public readonly bool TryJoin(out double score, out string category)
    {
        if (_first is not { } a || _second is not { } b || b.Score <= Floor)
        {
            (score, category) = (0, string.Empty);
            return false;
        }

        (score, category) = (Math.Round(Join(a.Score, b.Score), 4), a.Category);
        return true;
    }

    /// <summary>The joint finding, or null when <see cref="TryJoin"/> finds no joint score.</summary>
    public readonly Finding? Result() => TryJoin(out var score, out _) ? ToFinding(score) : null;

    /// <summary>The finding for a joint score from <see cref="TryJoin"/>, naming both opinions.</summary>
    public readonly Finding ToFinding(double score)
    {
        var a = _first!;
        var b = _second!;
        var prefix = a.Category == FindingCategories.Jailbreak ? "jailbreak." : "injection.";
        // Where and what: from the opinion that quotes its evidence (a rule), else the stronger one.
        var located = a.Evidence is not null ? a : b.Evidence is not null ? b : a;
        var decoded = a.Decoded is not null ? a : b;
        var explanation = new List<string>(2 + (a.Explanation?.Count ?? 0) + (b.Explanation?.Count ?? 0))
        {
            string.Create(CultureInfo.InvariantCulture, $"{_firstScanner}:{a.Rule} {a.Score:0.00}"),
            string.Create(CultureInfo.InvariantCulture, $"{_secondScanner}:{b.Rule} {b.Score:0.00}"),
        };
        explanation.AddRange(a.Explanation ?? []);
        explanation.AddRange(b.Explanation ?? []);
        return new Finding
        {
            Category = a.Category,
            Rule = prefix + RuleSuffix,
            Score = score,
            Severity = score >= 0.85 ? Severity.High : score >= 0.5 ? Severity.Medium : Severity.Low,
            Span = located.Span,
            Evidence = located.Evidence,
            Decoded = decoded.Decoded,
            Encodings = decoded.Encodings,
            Message = string.Create(
                CultureInfo.InvariantCulture,
                $"{_firstScanner} and {_secondScanner} both lean towards an attack: {a.Rule} {a.Score:0.00} and {b.Rule} {b.Score:0.00}, joint {score:0.00}"),
            Explanation = explanation,
        };
    }
}
