using System.Text.RegularExpressions;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Guard.Scanners.Common;
using LlmSecOps.Guard.Text;

namespace LlmSecOps.Guard.Scanners.Secrets;

/// <summary>
/// Finds credentials: provider tokens by their published formats, PEM private keys, JWTs,
/// passwords in URLs and connection strings, and high-entropy values assigned to secret-named
/// variables. Also searches payloads decoded from encodings; a secret found inside one is reported
/// on the span of the encoded blob. Evidence is always masked.
/// </summary>
/// <remarks>
/// AWS's documented example keys (ending in <c>EXAMPLE</c>) are reported like real ones: they are
/// indistinguishable in shape, redacting them costs nothing, and a guard that waves through the
/// one key everybody tests with would look broken. The message says it is the example.
/// </remarks>
internal sealed class SecretsScanner : Scanner
{
    private static readonly string[] ScannerCategories = [FindingCategories.Secret];

    private readonly SecretsScannerOptions _options;
    private readonly IReadOnlyList<SecretRule> _rules;
    private readonly KeywordIndex _keywords;

    public SecretsScanner(SecretsScannerOptions? options = null)
        : this(options, SecretRules.All)
    {
    }

    internal SecretsScanner(SecretsScannerOptions? options, IReadOnlyList<SecretRule> rules)
    {
        _options = options ?? SecretsScannerOptions.Default;
        OptionsValidation.ThrowIfInvalid(_options.Validate(), nameof(options));
        _rules = rules;
        _keywords = new KeywordIndex(rules);
    }

    public override string Name => "secrets";

    public override IReadOnlyList<string> Categories => ScannerCategories;

    public override ValueTask<ScanResult> ScanAsync(ScanContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var text = context.Text;
        if (text.Length < 8)
        {
            return ScanResult.Empty.AsTask();
        }

        var hits = new List<RankedHit>();
        var timedOut = Search(text, hits, cancellationToken);
        if (_options.ScanDecodedPayloads && hits.Count < _options.MaxFindings)
        {
            timedOut |= SearchDecoded(context.Analysis.Decoded, hits, cancellationToken);
        }

        List<Finding>? findings = null;
        if (hits.Count > 0)
        {
            findings = RankedHit.SelectNonOverlapping(hits);
        }

        if (timedOut)
        {
            // Fail closed: without a span a redact action becomes a block in the engine.
            (findings ??= []).Add(new Finding
            {
                Category = FindingCategories.Secret,
                Rule = "secret.scan_timeout",
                Score = 1.0,
                Severity = Severity.High,
                Message = "secret scanning timed out; the text could not be cleared",
            });
        }

        return ScanResult.From(findings).AsTask();
    }

    /// <summary>Searches decoded payloads; a hit is reported on the encoded blob's span.</summary>
    internal bool SearchDecoded(IReadOnlyList<DecodedPayload> payloads, List<RankedHit> hits, CancellationToken cancellationToken)
    {
        var timedOut = false;
        var n = Math.Min(payloads.Count, _options.MaxDecodedPayloads);
        for (var i = 0; i < n && hits.Count < _options.MaxFindings; i++)
        {
            var payload = payloads[i];
            if (payload.Text.Length < 8 || payload.Source.Length == 0)
            {
                continue;
            }

            var inner = new List<RankedHit>();
            timedOut |= Search(payload.Text, inner, cancellationToken);
            if (inner.Count == 0)
            {
                continue;
            }

            // Every hit inside one payload maps to the same encoded span: keep the most specific.
            var hit = inner[0];
            foreach (var h in inner)
            {
                if (h.Priority < hit.Priority)
                {
                    hit = h;
                }
            }

            hits.Add(hit with
            {
                Span = payload.Source,
                Finding = hit.Finding with
                {
                    Span = payload.Source,
                    Encodings = payload.Encodings,
                    Message = $"{hit.Finding.Message} inside {TextAnalysis.Describe(payload.Encodings)}-encoded text",
                },
            });
        }

        return timedOut;
    }

    private bool Search(string text, List<RankedHit> hits, CancellationToken cancellationToken)
    {
        Span<bool> present = _keywords.Count <= 256 ? stackalloc bool[_keywords.Count] : new bool[_keywords.Count];
        var anchors = _keywords.Scan(text, present);
        for (var r = 0; r < _rules.Count; r++)
        {
            var rule = _rules[r];
            var ids = _keywords.RuleKeywords[r];
            if (ids.Length > 0 && !AnyPresent(ids, present))
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                if (rule.AnchoredAtKeywords)
                {
                    if (!SearchAnchored(text, rule, r, anchors, hits))
                    {
                        return false;
                    }

                    continue;
                }

                for (var m = rule.Pattern.Match(text); m.Success; m = m.NextMatch())
                {
                    if (hits.Count >= _options.MaxFindings)
                    {
                        return false;
                    }

                    if (ToHit(text, rule, r, m) is { } hit)
                    {
                        hits.Add(hit);
                    }
                }
            }
            catch (RegexMatchTimeoutException)
            {
                return true;
            }
        }

        return false;
    }

    // Runs a \G-anchored pattern at each keyword position; returns false when the findings are full.
    private bool SearchAnchored(string text, SecretRule rule, int priority, List<int>? anchors, List<RankedHit> hits)
    {
        if (anchors is null)
        {
            return true;
        }

        var next = 0;
        foreach (var at in anchors)
        {
            if (at < next)
            {
                continue;
            }

            var m = rule.Pattern.Match(text, at);
            if (!m.Success)
            {
                continue;
            }

            if (hits.Count >= _options.MaxFindings)
            {
                return false;
            }

            if (ToHit(text, rule, priority, m) is { } hit)
            {
                hits.Add(hit);
            }

            next = m.Index + m.Length;
        }

        return true;
    }

    private static bool AnyPresent(int[] ids, ReadOnlySpan<bool> present)
    {
        foreach (var id in ids)
        {
            if (present[id])
            {
                return true;
            }
        }

        return false;
    }

    private static RankedHit? ToHit(string text, SecretRule rule, int priority, Match m)
    {
        var group = m.Groups["v"];
        var start = group.Success ? group.Index : m.Index;
        var end = group.Success ? group.Index + group.Length : m.Index + m.Length;
        if (rule.ExtendEnd is { } extend)
        {
            end = Math.Max(end, extend(text, m));
        }

        var value = text.AsSpan(start, end - start);
        var score = rule.Check is { } check ? check(text, m, value, rule.Score) : rule.Score;
        if (score <= 0)
        {
            return null;
        }

        var message = rule.Description;
        if (rule.Kind is "aws_access_key" or "aws_secret_key" &&
            (value.EndsWith("EXAMPLE", StringComparison.Ordinal) || value.EndsWith("EXAMPLEKEY", StringComparison.Ordinal)))
        {
            message += " (AWS's documented example key)";
        }

        var span = TextSpan.FromBounds(start, end);
        return new RankedHit(priority, span, new Finding
        {
            Category = FindingCategories.Secret,
            Rule = rule.RuleId,
            Score = score,
            Severity = score < 0.5 ? Severity.Low : rule.Severity,
            Span = span,
            Message = message,
            Evidence = Masking.Mask(value),
            Entity = rule.Entity,
        });
    }
}
