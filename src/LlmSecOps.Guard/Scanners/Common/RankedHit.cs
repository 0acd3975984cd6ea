using LlmSecOps.Core.Scanning;

namespace LlmSecOps.Guard.Scanners.Common;

/// <summary>A finding with the rank of the rule that produced it; a lower rank is the more specific rule.</summary>
internal sealed record RankedHit(int Priority, TextSpan Span, Finding Finding)
{
    /// <summary>
    /// Keeps, among hits that cover the same characters, the one with the lowest rank (the
    /// earliest on a tie), and returns the kept findings in text order.
    /// </summary>
    public static List<Finding> SelectNonOverlapping(List<RankedHit> hits)
    {
        hits.Sort(static (a, b) => a.Priority != b.Priority ? a.Priority.CompareTo(b.Priority) : a.Span.Start.CompareTo(b.Span.Start));
        var kept = new List<RankedHit>(hits.Count);
        foreach (var hit in hits)
        {
            if (!kept.Exists(k => k.Span.Overlaps(hit.Span)))
            {
                kept.Add(hit);
            }
        }

        kept.Sort(static (a, b) => a.Span.Start.CompareTo(b.Span.Start));
        return kept.ConvertAll(static k => k.Finding);
    }
}
