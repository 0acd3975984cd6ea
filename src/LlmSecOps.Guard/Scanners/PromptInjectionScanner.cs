using System.Text;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Guard.Scanners.Injection;
using LlmSecOps.Guard.Text;

namespace LlmSecOps.Guard.Scanners;

/// <summary>
/// Prompt injection and jailbreak rules over the normalised text and over every payload decoded
/// from it. Each rule that matches is a finding with its own score; when several weaker rules
/// match, a combined finding carries their joint score (1 − Π(1 − w)), so a pile of weak signals
/// can block where none would alone.
/// </summary>
internal sealed class PromptInjectionScanner : Scanner
{
    private static readonly Lazy<RuleSet> DefaultRules =
        new(static () => RuleSet.Compile(InjectionVocabulary.Concepts, InjectionRules.All), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly PromptInjectionScannerOptions _options;
    private readonly RuleSet _rules;

    public PromptInjectionScanner(PromptInjectionScannerOptions? options = null)
    {
        _options = (options ?? PromptInjectionScannerOptions.Default).Validate();
        _rules = DefaultRules.Value;
    }

    public override string Name => "prompt_injection";

    public override IReadOnlyList<string> Categories { get; } = [FindingCategories.PromptInjection, FindingCategories.Jailbreak];

    public override bool Supports(Direction direction) => direction is Direction.Input or Direction.RetrievedDocument or Direction.ToolCall;

    // One piece of evidence located in the original text.
    private readonly record struct Evidence(Signal Signal, double Weight, TextSpan Span, string Excerpt, DecodedPayload? Payload);

    public override ValueTask<ScanResult> ScanAsync(ScanContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var analysis = context.Analysis;
        var signals = new List<Signal>();
        var evidence = new List<Evidence>();

        var map = analysis.Map;
        var traits = RuleMatcher.Match(_rules, analysis.Normalized, map, analysis.Original, signals);
        DelimiterDetector.Detect(analysis.Normalized, map, analysis.Original, (traits & TextTraits.Technical) != 0, signals);
        DiscountDiscussion(signals, traits);
        foreach (var s in signals)
        {
            var span = TextAnalysis.MapSpan(analysis.Original, map, s.Start, s.End - s.Start);
            evidence.Add(new Evidence(s, s.Weight, span, Excerpt(analysis.Original, span), null));
        }

        if (AdversarialSuffixDetector.Find(analysis.Original) is { } tail)
        {
            var span = new TextSpan(tail.Start, tail.End - tail.Start);
            var signal = new Signal(AdversarialSuffixDetector.Rule, FindingCategories.Jailbreak, tail.Weight, 0, 0,
                "ends in a tail of token debris, as adversarial suffixes found by gradient search do", Companion: tail.Weight < 0.5);
            evidence.Add(new Evidence(signal, tail.Weight, span, Excerpt(analysis.Original, span), null));
        }

        if (_options.ScanDecodedPayloads)
        {
            var scanned = 0;
            foreach (var payload in analysis.Decoded)
            {
                if (scanned++ >= _options.MaxPayloadsScanned)
                {
                    break;
                }

                cancellationToken.ThrowIfCancellationRequested();
                ScanPayload(payload, evidence);
            }
        }

        return ScanResult.From(evidence.Count == 0 ? null : ToFindings(evidence)).AsTask();
    }

    private void ScanPayload(DecodedPayload payload, List<Evidence> evidence)
    {
        var (normalized, map) = TextNormalizer.Normalize(payload.Text);
        var signals = new List<Signal>();
        var traits = RuleMatcher.Match(_rules, normalized, map, payload.Text, signals);
        DelimiterDetector.Detect(normalized, map, payload.Text, (traits & TextTraits.Technical) != 0, signals);
        DiscountDiscussion(signals, traits);
        var bonus = _options.EncodedBonus;
        foreach (var s in signals)
        {
            var local = TextAnalysis.MapSpan(payload.Text, map, s.Start, s.End - s.Start);
            var weight = 1 - ((1 - s.Weight) * (1 - bonus));
            evidence.Add(new Evidence(s, weight, payload.Source, Excerpt(payload.Text, local), payload));
        }

        // Hiding natural-language text at all is a (weak) signal; in invisible characters a stronger one.
        var hiddenWeight = payload.Encodings[^1] switch
        {
            "unicode_tags" or "variation_selectors" => 0.45,
            "url" or "html_entities" => 0.0,
            _ => payload.Encodings.Contains("unicode_tags") || payload.Encodings.Contains("variation_selectors") ? 0.45 : 0.2,
        };
        if (hiddenWeight > 0 && CountWords(normalized) >= 2)
        {
            var signal = new Signal("injection.encoding.hidden_text", FindingCategories.PromptInjection, hiddenWeight, 0, normalized.Length,
                "carries natural-language text hidden in an encoding");
            evidence.Add(new Evidence(signal, hiddenWeight, payload.Source, Excerpt(payload.Text, new TextSpan(0, payload.Text.Length)), payload));
        }
    }

    // A text about security itself uses attack words to discuss them: weak signals count less there.
    // Strong ones stand: an attack does not become harmless by mentioning red teaming.
    private static void DiscountDiscussion(List<Signal> signals, TextTraits traits)
    {
        if ((traits & TextTraits.Security) == 0)
        {
            return;
        }

        for (var k = 0; k < signals.Count; k++)
        {
            if (signals[k].Weight < 0.5)
            {
                signals[k] = signals[k] with { Weight = signals[k].Weight * 0.6 };
            }
        }
    }

    private static int CountWords(string text)
    {
        var words = 0;
        var inWord = false;
        var letters = 0;
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                letters++;
                if (!inWord && letters >= 2)
                {
                    words++;
                    inWord = true;
                }
            }
            else
            {
                inWord = false;
                letters = 0;
            }
        }

        return words;
    }

    private List<Finding> ToFindings(List<Evidence> evidence)
    {
        // The strongest evidence per rule id.
        var best = new Dictionary<string, Evidence>(StringComparer.Ordinal);
        foreach (var e in evidence)
        {
            if (!best.TryGetValue(e.Signal.Rule, out var current) || e.Weight > current.Weight)
            {
                best[e.Signal.Rule] = e;
            }
        }

        // Companion evidence weighs half when alone; persona and format wording weighs half unless
        // evidence about rules, instructions or harm is there too.
        var several = best.Count >= 2;
        var substance = false;
        foreach (var e in best.Values)
        {
            substance |= !e.Signal.Style && (several || !e.Signal.Companion);
        }

        var findings = new List<Finding>(best.Count + 1);
        var counted = new List<(Evidence Evidence, double Weight)>(best.Count);
        foreach (var e in best.Values.OrderByDescending(static e => e.Weight))
        {
            var weight = e.Weight;
            if ((e.Signal.Companion && !several) || (e.Signal.Style && !substance))
            {
                weight *= 0.5;
            }

            findings.Add(ToFinding(e, weight));
            counted.Add((e, weight));
        }

        if (counted.Count >= 2 && BestWindow(counted, _options.CombineWindowChars) is { Count: >= 2 } window)
        {
            var remaining = 1.0;
            var maxWeight = 0.0;
            var top = window[0].Evidence;
            var contributing = new List<string>(window.Count);
            var categoryWeight = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var (e, weight) in window)
            {
                remaining *= 1 - weight;
                contributing.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{e.Signal.Rule} ({weight:0.00})"));
                categoryWeight[e.Signal.Category] = categoryWeight.GetValueOrDefault(e.Signal.Category) + weight;
                if (weight > maxWeight)
                {
                    maxWeight = weight;
                    top = e;
                }
            }

            var combined = 1 - remaining;
            if (combined > maxWeight + 0.005)
            {
                var category = categoryWeight.MaxBy(static kv => kv.Value).Key;
                findings.Add(new Finding
                {
                    Category = category,
                    Rule = category == FindingCategories.Jailbreak ? "jailbreak.combined" : "injection.combined",
                    Score = Math.Round(combined, 4),
                    Severity = SeverityOf(combined),
                    Span = top.Span,
                    Message = $"{contributing.Count} injection and jailbreak signals together",
                    Evidence = top.Excerpt,
                    Explanation = contributing,
                    Decoded = top.Payload is { } p ? Truncate(p.Text, _options.MaxDecodedChars) : null,
                    Encodings = top.Payload?.Encodings,
                });
            }
        }

        return findings;
    }

    // Evidence combines only when it lies close together: in a long document, weak signals pages
    // apart are coincidences, not an attack. Returns the window with the highest joint score.
    private static List<(Evidence Evidence, double Weight)> BestWindow(List<(Evidence Evidence, double Weight)> counted, int width)
    {
        var byPosition = counted.OrderBy(static c => c.Evidence.Span.Start).ToList();
        List<(Evidence, double)>? best = null;
        var bestScore = -1.0;
        for (var i = 0; i < byPosition.Count; i++)
        {
            var remaining = 1.0;
            var window = new List<(Evidence, double)>();
            for (var j = i; j < byPosition.Count && byPosition[j].Evidence.Span.Start - byPosition[i].Evidence.Span.Start <= width; j++)
            {
                remaining *= 1 - byPosition[j].Weight;
                window.Add(byPosition[j]);
            }

            if (1 - remaining > bestScore)
            {
                bestScore = 1 - remaining;
                best = window;
            }
        }

        return best ?? [];
    }

    private Finding ToFinding(Evidence e, double weight)
    {
        var payload = e.Payload;
        var message = payload is null ? e.Signal.Message : $"{e.Signal.Message} (inside {TextAnalysis.Describe(payload.Encodings)})";
        return new Finding
        {
            Category = e.Signal.Category,
            Rule = e.Signal.Rule,
            Score = Math.Round(weight, 4),
            Severity = SeverityOf(weight),
            Span = e.Span,
            Message = message,
            Evidence = e.Excerpt,
            Decoded = payload is null ? null : Truncate(payload.Text, _options.MaxDecodedChars),
            Encodings = payload?.Encodings,
        };
    }

    private static Severity SeverityOf(double score) => score switch
    {
        >= 0.85 => Severity.High,
        >= 0.5 => Severity.Medium,
        _ => Severity.Low,
    };

    private string Excerpt(string text, TextSpan span)
    {
        var start = Math.Clamp(span.Start, 0, text.Length);
        var end = Math.Clamp(span.End, start, text.Length);
        var sb = new StringBuilder(Math.Min(end - start, _options.MaxEvidenceChars + 1));
        for (var i = start; i < end && sb.Length < _options.MaxEvidenceChars; i++)
        {
            var c = text[i];

            // Invisible characters are left out of the excerpt (the invisible-text scanner reports them).
            if (char.IsSurrogate(c) ? false : CharFolding.Classify(c) == CharFolding.Kind.Drop)
            {
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < end && char.IsLowSurrogate(text[i + 1]) && CharFolding.Classify(char.ConvertToUtf32(c, text[i + 1])) == CharFolding.Kind.Drop)
            {
                i++;
                continue;
            }

            sb.Append(c);
        }

        if (end - start > _options.MaxEvidenceChars)
        {
            sb.Append('…');
        }

        return sb.ToString();
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…");
}
