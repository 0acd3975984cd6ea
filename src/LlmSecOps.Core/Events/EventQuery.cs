using LlmSecOps.Core.Scanning;

namespace LlmSecOps.Core.Events;

/// <summary>A filter over stored events. Null members do not filter.</summary>
public sealed record EventQuery
{
    /// <summary>Events at or after this time.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Events before this time.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Only this verdict.</summary>
    public Verdict? Verdict { get; init; }

    /// <summary>Only events with a finding of this category.</summary>
    public string? Category { get; init; }

    /// <summary>Matches the user id, API key id, tenant or client IP of the principal.</summary>
    public string? Principal { get; init; }

    /// <summary>Only events from this source (<c>serve</c>, <c>scan</c>, <c>probe</c>, …).</summary>
    public string? Source { get; init; }

    /// <summary>Largest number of events returned (newest first).</summary>
    public int Limit { get; init; } = 100;
}
