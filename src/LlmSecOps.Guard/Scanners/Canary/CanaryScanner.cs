using LlmSecOps.Core.Scanning;
using LlmSecOps.Guard.Scanners.Common;
using LlmSecOps.Guard.Text;

namespace LlmSecOps.Guard.Scanners.Canary;

/// <summary>
/// Detects a canary token planted in the system prompt coming back in a completion or a tool
/// call: verbatim (any case), in the normalised text (homoglyphs, zero-width characters), with
/// separators inserted between its characters (<c>c-a-n-a-r-y</c>, spaces, dots), reversed, and
/// inside decoded payloads (base64, hex, …). Every form is rule <c>canary.leak</c>, entity
/// <c>CANARY</c>; the explanation says which form. The cheap verbatim search runs first and the
/// other forms only when it finds nothing, so scanning a growing stream stays cheap.
/// </summary>
internal sealed class CanaryScanner : Scanner
{
    /// <summary>Canaries shorter than this are ignored: they would match ordinary text.</summary>
    internal const int MinCanaryLength = 4;

    /// <summary>Letters and digits a canary needs before separated and reversed forms are searched.</summary>
    internal const int MinSqueezedLength = 6;

    private const int MaxOccurrences = 16;
    private static readonly string[] ScannerCategories = [FindingCategories.CanaryLeak];

    public override string Name => "canary";

    public override IReadOnlyList<string> Categories => ScannerCategories;

    public override bool Supports(Direction direction) => direction is Direction.Output or Direction.ToolCall;

    public override ValueTask<ScanResult> ScanAsync(ScanContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var canaries = context.Canaries;
        if (canaries.Count == 0 || context.Text.Length == 0)
        {
            return ScanResult.Empty.AsTask();
        }

        List<Finding>? findings = null;
        Squeezed? squeezedOriginal = null;
        Squeezed? squeezedNormalized = null;
        foreach (var canary in canaries)
        {
            if (string.IsNullOrEmpty(canary) || canary.Length < MinCanaryLength)
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (FindVerbatim(context.Text, canary, ref findings))
            {
                continue;
            }

            // Separators first on the text as received: the normaliser reads digits inside words
            // as leetspeak, so a canary and its spaced-out copy need not normalise alike.
            var rawKey = Squeezed.Key(canary);
            if (rawKey.Length >= MinSqueezedLength)
            {
                squeezedOriginal ??= Squeezed.Create(context.Text);
                if (FindSqueezed(null, squeezedOriginal, rawKey, ref findings))
                {
                    continue;
                }
            }

            var analysis = context.Analysis;
            if (FindNormalized(analysis, canary, ref findings))
            {
                continue;
            }

            var normalizedKey = Squeezed.Key(TextNormalizer.Normalize(canary).Normalized);
            if (normalizedKey.Length >= MinSqueezedLength)
            {
                squeezedNormalized ??= Squeezed.Create(analysis.Normalized);
                if (FindSqueezed(analysis, squeezedNormalized, normalizedKey, ref findings))
                {
                    continue;
                }
            }

            FindDecoded(analysis.Decoded, canary, rawKey, ref findings);
        }

        return ScanResult.From(findings).AsTask();
    }

    private static bool FindVerbatim(string text, string canary, ref List<Finding>? findings)
    {
        var found = false;
        var from = 0;
        for (var n = 0; n < MaxOccurrences && from <= text.Length - canary.Length; n++)
        {
            var at = text.IndexOf(canary, from, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                break;
            }

            (findings ??= []).Add(Leak(new TextSpan(at, canary.Length), canary, "verbatim", 1.0));
            found = true;
            from = at + canary.Length;
        }

        return found;
    }

    private static bool FindNormalized(TextAnalysis analysis, string canary, ref List<Finding>? findings)
    {
        var needle = TextNormalizer.Normalize(canary).Normalized;
        if (needle.Length < MinCanaryLength)
        {
            return false;
        }

        var at = analysis.Normalized.IndexOf(needle, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return false;
        }

        (findings ??= []).Add(Leak(analysis.MapToOriginal(at, needle.Length), canary, "normalized", 1.0));
        return true;
    }

    // Searches the letters and digits of the text for the canary's, forwards and then reversed.
    // With an analysis the squeezed text is of the normalised text and spans are mapped back.
    private static bool FindSqueezed(TextAnalysis? analysis, Squeezed squeezed, string key, ref List<Finding>? findings)
    {
        var form = "separated";
        var score = 0.95;
        var at = squeezed.Text.IndexOf(key, StringComparison.Ordinal);
        if (at < 0)
        {
            form = "reversed";
            score = 0.9;
            at = squeezed.Text.IndexOf(Reverse(key), StringComparison.Ordinal);
            if (at < 0)
            {
                return false;
            }
        }

        var start = squeezed.Map[at];
        var end = squeezed.Map[at + key.Length - 1] + 1;
        var span = analysis is null ? TextSpan.FromBounds(start, end) : analysis.MapToOriginal(start, end - start);
        (findings ??= []).Add(Leak(span, key, form, score));
        return true;
    }

    private static string Reverse(string value) =>
        string.Create(value.Length, value, static (dest, src) =>
        {
            for (var i = 0; i < src.Length; i++)
            {
                dest[i] = src[src.Length - 1 - i];
            }
        });

    internal static void FindDecoded(IReadOnlyList<DecodedPayload> payloads, string canary, string canaryKey, ref List<Finding>? findings)
    {
        foreach (var payload in payloads)
        {
            var hit = payload.Text.Contains(canary, StringComparison.OrdinalIgnoreCase) ||
                      (canaryKey.Length >= MinSqueezedLength && Squeezed.Key(payload.Text).Contains(canaryKey, StringComparison.Ordinal));
            if (hit && payload.Source.Length > 0)
            {
                (findings ??= []).Add(Leak(payload.Source, canary, "encoded:" + TextAnalysis.Describe(payload.Encodings), 1.0) with
                {
                    Encodings = payload.Encodings,
                });
                return;
            }
        }
    }

    private static Finding Leak(TextSpan span, string canary, string form, double score) => new()
    {
        Category = FindingCategories.CanaryLeak,
        Rule = "canary.leak",
        Score = score,
        Severity = Severity.Critical,
        Span = span,
        Message = $"canary token leaked ({form})",
        Evidence = Masking.Mask(canary),
        Entity = "CANARY",
        Explanation = [form],
    };

    /// <summary>The letters and digits of a text, lower-cased, with a map back to their offsets.</summary>
    private sealed class Squeezed
    {
        private Squeezed(string text, int[] map)
        {
            Text = text;
            Map = map;
        }

        public string Text { get; }

        public int[] Map { get; }

        public static Squeezed Create(string text)
        {
            var chars = new char[text.Length];
            var map = new int[text.Length];
            var n = 0;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (char.IsLetterOrDigit(c))
                {
                    chars[n] = char.ToLowerInvariant(c);
                    map[n] = i;
                    n++;
                }
            }

            return new Squeezed(new string(chars, 0, n), map);
        }

        public static string Key(string text)
        {
            return string.Create(CountKeyChars(text), text, static (dest, src) =>
            {
                var n = 0;
                foreach (var c in src)
                {
                    if (char.IsLetterOrDigit(c))
                    {
                        dest[n++] = char.ToLowerInvariant(c);
                    }
                }
            });
        }

        private static int CountKeyChars(string text)
        {
            var n = 0;
            foreach (var c in text)
            {
                if (char.IsLetterOrDigit(c))
                {
                    n++;
                }
            }

            return n;
        }
    }
}
