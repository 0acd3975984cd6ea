using System.Text;
using LlmSecOps.Core.Scanning;

namespace LlmSecOps.Guard.Redaction;

/// <summary>Replaces the spans of findings with placeholders from a vault.</summary>
public static class Redactor
{
    /// <summary>
    /// Replaces each finding's span with its placeholder. Overlapping spans are merged and take the
    /// label of the longest one. Findings without a span are ignored.
    /// </summary>
    public static string Apply(string text, IEnumerable<Finding> findings, RedactionVault vault)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(vault);
        var spans = new List<(TextSpan Span, string Entity)>();
        foreach (var f in findings)
        {
            if (f.Span is { Length: > 0 } s && s.Start >= 0 && s.End <= text.Length)
            {
                spans.Add((s, f.Entity ?? f.Category));
            }
        }

        if (spans.Count == 0)
        {
            return text;
        }

        spans.Sort(static (a, b) => a.Span.Start != b.Span.Start ? a.Span.Start.CompareTo(b.Span.Start) : b.Span.Length.CompareTo(a.Span.Length));
        var merged = new List<(TextSpan Span, string Entity)>(spans.Count);
        foreach (var item in spans)
        {
            if (merged.Count > 0 && merged[^1].Span.End > item.Span.Start)
            {
                var last = merged[^1];
                var end = Math.Max(last.Span.End, item.Span.End);
                var entity = item.Span.Length > last.Span.Length ? item.Entity : last.Entity;
                merged[^1] = (TextSpan.FromBounds(last.Span.Start, end), entity);
            }
            else
            {
                merged.Add(item);
            }
        }

        var sb = new StringBuilder(text.Length);
        var pos = 0;
        foreach (var (span, entity) in merged)
        {
            sb.Append(text, pos, span.Start - pos);
            sb.Append(vault.PlaceholderFor(entity, text.Substring(span.Start, span.Length)));
            pos = span.End;
        }

        sb.Append(text, pos, text.Length - pos);
        return sb.ToString();
    }
}
