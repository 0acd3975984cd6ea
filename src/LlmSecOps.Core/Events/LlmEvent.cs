using LlmSecOps.Core.Scanning;

namespace LlmSecOps.Core.Events;

/// <summary>
/// One record per exchange: a gateway request and its completion, a command-line scan, a red-team
/// attempt or an ingested log line. Every later stage (monitors, dashboards, reports) reads
/// events; nothing reads the HTTP layer.
/// </summary>
public sealed record LlmEvent
{
    /// <summary>Unique id (version 7 GUID, so ids sort by time).</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>When the exchange started.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>What produced the event: <c>serve</c>, <c>scan</c>, <c>probe</c>, <c>ingest</c>.</summary>
    public required string Source { get; init; }

    /// <summary>W3C trace id, when traced.</summary>
    public string? TraceId { get; init; }

    /// <summary>Route or endpoint, e.g. <c>/v1/chat/completions</c>.</summary>
    public string? Route { get; init; }

    /// <summary>Requested model name.</summary>
    public string? Model { get; init; }

    /// <summary>Upstream the request went to (base URL or name).</summary>
    public string? Upstream { get; init; }

    /// <summary>Who made the request.</summary>
    public Principal? Principal { get; init; }

    /// <summary>The overall decision.</summary>
    public Verdict Verdict { get; init; }

    /// <summary>Everything the guards found, on both sides.</summary>
    public IReadOnlyList<Finding> Findings { get; init; } = [];

    /// <summary>Request body or prompt text, as kept by the retention policy.</summary>
    public string? Request { get; init; }

    /// <summary>Response body or completion text, as kept by the retention policy.</summary>
    public string? Response { get; init; }

    /// <summary>Retention applied to <see cref="Request"/> and <see cref="Response"/>: <c>full</c>, <c>hash</c> or <c>drop</c>.</summary>
    public string Retention { get; init; } = "full";

    /// <summary>HTTP status returned to the client, when there was one.</summary>
    public int? Status { get; init; }

    /// <summary>Error summary when the exchange failed (never a secret).</summary>
    public string? Error { get; init; }

    /// <summary>Timings.</summary>
    public EventLatency Latency { get; init; } = new();

    /// <summary>Token counts as reported by the upstream.</summary>
    public TokenUsage? Usage { get; init; }

    /// <summary>Mean per-token entropy in nats, when log-probabilities were available.</summary>
    public double? EntropyMean { get; init; }

    /// <summary>Maximum per-token entropy in nats.</summary>
    public double? EntropyMax { get; init; }

    /// <summary>Per-token log-probabilities of the completion, when requested.</summary>
    public IReadOnlyList<TokenLogProb>? LogProbs { get; init; }

    /// <summary>Names of tools offered to the model.</summary>
    public IReadOnlyList<string>? ToolsOffered { get; init; }

    /// <summary>Names of tools the model called.</summary>
    public IReadOnlyList<string>? ToolsCalled { get; init; }

    /// <summary>Free-form attributes (probe id, run id, mutator, …).</summary>
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }

    /// <summary>Categories of all findings, de-duplicated (the store indexes these).</summary>
    public IEnumerable<string> Categories => Findings.Select(f => f.Category).Distinct(StringComparer.Ordinal);
}

/// <summary>Timings of one exchange, in milliseconds.</summary>
public sealed record EventLatency
{
    /// <summary>Wall time from request to the last byte sent to the client.</summary>
    public double? TotalMs { get; init; }

    /// <summary>Time spent in guards (input and output).</summary>
    public double? GuardMs { get; init; }

    /// <summary>Time the upstream took.</summary>
    public double? UpstreamMs { get; init; }

    /// <summary>Time to the first streamed token the client saw.</summary>
    public double? FirstTokenMs { get; init; }
}

/// <summary>Token counts.</summary>
public sealed record TokenUsage(int PromptTokens, int CompletionTokens)
{
    /// <summary>Sum of prompt and completion tokens.</summary>
    public int TotalTokens => PromptTokens + CompletionTokens;
}

/// <summary>One generated token with its log-probability and top alternatives.</summary>
public sealed record TokenLogProb
{
    /// <summary>The token text.</summary>
    public required string Token { get; init; }

    /// <summary>Natural-log probability of the token.</summary>
    public double LogProb { get; init; }

    /// <summary>Alternatives the upstream reported (token → log-probability).</summary>
    public IReadOnlyList<TopLogProb>? Top { get; init; }
}

/// <summary>An alternative token.</summary>
public sealed record TopLogProb(string Token, double LogProb);
