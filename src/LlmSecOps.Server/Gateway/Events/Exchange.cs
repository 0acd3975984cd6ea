using System.Diagnostics;
using LlmSecOps.Core.Events;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Guard;
using LlmSecOps.Guard.Redaction;
using LlmSecOps.Server.Gateway.Configuration;

namespace LlmSecOps.Server.Gateway.Events;

/// <summary>
/// Everything learnt about one request while it is handled; becomes one <see cref="LlmEvent"/>
/// when it ends, whatever the outcome. Used by one request at a time.
/// </summary>
internal sealed class Exchange
{
    private HashSet<(string Category, string Rule, int Start, int? Message)>? _findingKeys;

    /// <summary>Id of the event this exchange becomes (also put on its span).</summary>
    public Guid EventId { get; } = Guid.CreateVersion7();

    /// <summary>When the request arrived.</summary>
    public required DateTimeOffset Started { get; init; }

    /// <summary>Timestamp (<see cref="TimeProvider.GetTimestamp"/>) when the request arrived.</summary>
    public required long StartTimestamp { get; init; }

    /// <summary><c>chat</c> or <c>embeddings</c>.</summary>
    public required string Operation { get; init; }

    /// <summary>Request path.</summary>
    public required string Path { get; init; }

    /// <summary>Route name (<c>default</c> unless called under <c>/routes/&lt;name&gt;</c>).</summary>
    public required string RouteName { get; init; }

    /// <summary>The endpoint template, for metric tags.</summary>
    public required string RouteTemplate { get; init; }

    /// <summary>The caller.</summary>
    public Principal? Principal { get; set; }

    /// <summary>Requested model.</summary>
    public string? Model { get; set; }

    /// <summary>Model the upstream says answered.</summary>
    public string? ResponseModel { get; set; }

    /// <summary>Upstream response id.</summary>
    public string? ResponseId { get; set; }

    /// <summary>The upstream chosen.</summary>
    public UpstreamOptions? Upstream { get; set; }

    /// <summary>Whether the client asked for a stream.</summary>
    public bool Stream { get; set; }

    /// <summary>Findings on both sides, in the order found.</summary>
    public List<Finding> Findings { get; } = [];

    /// <summary>Placeholders and originals for this exchange.</summary>
    public RedactionVault Vault { get; } = new();

    /// <summary>The canary planted, if any.</summary>
    public string? Canary { get; set; }

    /// <summary>The system prompt as the client sent it (without the canary line).</summary>
    public string? SystemPrompt { get; set; }

    /// <summary>Tools offered to the model after filtering.</summary>
    public List<string>? ToolsOffered { get; set; }

    /// <summary>Tools the model called.</summary>
    public List<string>? ToolsCalled { get; set; }

    /// <summary>Milliseconds spent in guards.</summary>
    public double GuardMs { get; set; }

    /// <summary>Milliseconds the upstream took (request sent to last byte read).</summary>
    public double? UpstreamMs { get; set; }

    /// <summary>Milliseconds to the first text released to a streaming client.</summary>
    public double? FirstTokenMs { get; set; }

    /// <summary>Upstream status code.</summary>
    public int? UpstreamStatus { get; set; }

    /// <summary>Attempts made upstream.</summary>
    public int UpstreamAttempts { get; set; }

    /// <summary>Token usage.</summary>
    public TokenUsage? Usage { get; set; }

    /// <summary>Log-probabilities and entropy, when collected.</summary>
    public LogprobsCollector? Logprobs { get; set; }

    /// <summary>Finish reasons of the choices.</summary>
    public List<string>? FinishReasons { get; set; }

    /// <summary>Status sent to the client.</summary>
    public int Status { get; set; }

    /// <summary>Error summary (never content).</summary>
    public string? Error { get; set; }

    /// <summary>Low-cardinality error class for metrics and spans (<c>error.type</c>).</summary>
    public string? ErrorType { get; set; }

    /// <summary>Request body as kept for the event (after redaction, before the canary), or null.</summary>
    public string? RequestBody { get; set; }

    /// <summary>Completion as kept for the event (after redaction, before placeholders are restored), or null.</summary>
    public string? ResponseBody { get; set; }

    /// <summary>OPA's answer, when asked.</summary>
    public string? OpaDecision { get; set; }

    /// <summary>The span of the exchange.</summary>
    public Activity? Activity { get; set; }

    /// <summary>The verdict: the strongest action among the findings.</summary>
    public Verdict Verdict
    {
        get
        {
            var v = Verdict.Allow;
            foreach (var f in Findings)
            {
                var fv = GuardEngine.ToVerdict(f.Action);
                if (fv > v)
                {
                    v = fv;
                }
            }

            return v;
        }
    }

    /// <summary>Adds findings, dropping repeats of the same rule at the same place (streamed text is rescanned in overlapping pieces).</summary>
    public void AddFindings(IReadOnlyList<Finding> findings, int offset = 0)
    {
        foreach (var f in findings)
        {
            var shifted = offset != 0 && f.Span is { } s ? f with { Span = new TextSpan(s.Start + offset, s.Length) } : f;
            _findingKeys ??= [];
            if (_findingKeys.Add((shifted.Category, shifted.Rule, shifted.Span?.Start ?? -1, shifted.MessageIndex)))
            {
                Findings.Add(shifted);
            }
        }
    }

    /// <summary>Categories of the findings whose action is block, de-duplicated, in order.</summary>
    public List<string> BlockingCategories()
    {
        var list = new List<string>();
        foreach (var f in Findings)
        {
            if (f.Action == PolicyAction.Block && !list.Contains(f.Category))
            {
                list.Add(f.Category);
            }
        }

        return list;
    }
}
