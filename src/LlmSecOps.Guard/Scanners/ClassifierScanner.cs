using System.Globalization;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Guard.Classifier;
using LlmSecOps.Guard.Text;

namespace LlmSecOps.Guard.Scanners;

/// <summary>
/// The trained prompt-attack classifier as a scanner. It reads the shared normalised text (and
/// every payload decoded from an encoding), scores it with the linear model and reports one
/// finding, <c>classifier.linear</c>, whose score is the calibrated attack probability and whose
/// category is whichever of prompt_injection and jailbreak the model finds likelier. The finding
/// is reported at every score so evaluation can draw threshold curves; the engine drops it below
/// the policy's threshold. Findings at or over the threshold explain themselves with the
/// features that weighed most.
/// </summary>
internal sealed class ClassifierScanner : Scanner
{
    /// <summary>Rule id of the findings.</summary>
    public const string RuleId = "classifier.linear";

    /// <summary>Most decoded payloads scored per text.</summary>
    public const int MaxPayloads = 8;

    /// <summary>Texts with fewer word units than this are short (see <see cref="ShortTextProbability"/>).</summary>
    public const int ShortTextWords = 16;

    /// <summary>
    /// Model probability a short text needs to count (the policy threshold, 0.5 by default,
    /// maps to it). A dozen words carry too little evidence for n-gram weights: ordinary
    /// questions full of trigger words ("ignore all rules in eslint", "begin your answer with
    /// yes") score like attacks, while short attacks are spelled out plainly enough for the
    /// rule-based scanner to name them.
    /// </summary>
    public const double ShortTextProbability = 0.995;

    private static readonly string[] AttackCategories = [FindingCategories.PromptInjection, FindingCategories.Jailbreak];

    private readonly DetectorModel? _model;

    /// <summary>Creates the scanner over the embedded model.</summary>
    public ClassifierScanner()
        : this(DetectorModel.Embedded)
    {
    }

    /// <summary>Creates the scanner over a given model (null: the scanner reports nothing).</summary>
    public ClassifierScanner(DetectorModel? model)
    {
        _model = model;
    }

    /// <inheritdoc/>
    public override string Name => "classifier";

    /// <inheritdoc/>
    public override IReadOnlyList<string> Categories => AttackCategories;

    /// <inheritdoc/>
    public override bool Supports(Direction direction) => direction is Direction.Input or Direction.RetrievedDocument;

    /// <inheritdoc/>
    public override ValueTask<ScanResult> ScanAsync(ScanContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        // System and developer messages are written by the application's operator and, unlike
        // user prompts, are supposed to say who the model is and what it must never do: the very
        // wording the classifier learned from attacks. The rules still read them.
        if (_model is null || !context.Policy.ClassifierEnabled || context.Text.Length == 0 || IsOperatorRole(context.Role))
        {
            return ScanResult.Empty.AsTask();
        }

        var analysis = context.Analysis;
        var best = _model.Score(analysis.Normalized, context.Text);
        DecodedPayload? from = null;
        string? fromNormalized = null;
        var payloads = analysis.Decoded;
        for (var i = 0; i < payloads.Count && i < MaxPayloads; i++)
        {
            var payload = payloads[i];
            var normalized = TextNormalizer.Normalize(payload.Text).Normalized;
            var score = _model.Score(normalized, payload.Text);
            if (score.Probability > best.Probability)
            {
                best = score;
                from = payload;
                fromNormalized = normalized;
            }
        }

        var category = best.IsJailbreak ? FindingCategories.Jailbreak : FindingCategories.PromptInjection;
        var isShort = CountWordUnits(fromNormalized ?? analysis.Normalized) < ShortTextWords;
        var reportedScore = isShort ? ShortTextScore(best.Probability) : best.Probability;
        var reported = context.Policy.ThresholdFor(category) <= reportedScore;
        var finding = new Finding
        {
            Category = category,
            Rule = RuleId,
            Score = reportedScore,
            Severity = reportedScore >= 0.9 ? Severity.High : Severity.Medium,
            Span = from?.Source ?? new TextSpan(0, context.Text.Length),
            Message = string.Create(
                CultureInfo.InvariantCulture,
                $"classifier: {(best.IsJailbreak ? "jailbreak" : "prompt injection")} probability {best.Probability:0.00}{(isShort ? " (short text: counts from 0.995)" : string.Empty)}{(from is null ? string.Empty : " in a decoded payload")}"),
            Decoded = from?.Text,
            Encodings = from?.Encodings,

            // Explaining re-extracts the text with names attached: only worth it when the finding counts.
            Explanation = reported
                ? from is null ? _model.Explain(analysis.Normalized, context.Text) : _model.Explain(fromNormalized, from.Text)
                : null,
        };
        return new ScanResult([finding]).AsTask();
    }

    private static bool IsOperatorRole(string? role) =>
        string.Equals(role, "system", StringComparison.OrdinalIgnoreCase) || string.Equals(role, "developer", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Maps a short text's probability so that <see cref="ShortTextProbability"/> lands on 0.5,
    /// keeping the order of scores (threshold curves stay meaningful). Under that probability the
    /// scores stay at or under <see cref="Corroboration.Floor"/>: an unsure opinion on a dozen
    /// words is no evidence, not even in support of the rules.
    /// </summary>
    internal static double ShortTextScore(double probability) => probability < ShortTextProbability
        ? probability * Corroboration.Floor / ShortTextProbability
        : 0.5 + ((probability - ShortTextProbability) * 0.5 / (1 - ShortTextProbability));

    /// <summary>
    /// Words (runs of letters and digits), with scripts written without spaces counted at one
    /// unit per two characters, so a short Chinese or Japanese attack is not mistaken for a
    /// one-word text.
    /// </summary>
    internal static int CountWordUnits(ReadOnlySpan<char> text)
    {
        var words = 0;
        var unspaced = 0;
        var inWord = false;
        foreach (var c in text)
        {
            if (c is (>= '\u3040' and <= '\u30FF') or (>= '\u3400' and <= '\u9FFF') or (>= '\uAC00' and <= '\uD7AF') or (>= '\u0E00' and <= '\u0E7F'))
            {
                unspaced++;
                inWord = false;
                continue;
            }

            var letter = char.IsLetterOrDigit(c);
            if (letter && !inWord)
            {
                words++;
            }

            inWord = letter;
        }

        return words + (unspaced / 2);
    }
}
