using System.Collections.Concurrent;
using System.Diagnostics;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Core.Telemetry;
using LlmSecOps.Guard;
using LlmSecOps.Server.Gateway.Events;
using LlmSecOps.Server.Telemetry;

namespace LlmSecOps.Server.Gateway;

/// <summary>
/// Spans and metrics of the gateway. Span attributes are the product's catalogue in
/// <see cref="GenAiAttributes"/>: the OpenTelemetry GenAI conventions (<c>gen_ai.*</c>) and the
/// <c>gen_ai.guardrail.*</c> names for guard decisions (the GenAI guardrail conventions are still
/// in development upstream). Metric tags never carry a principal or an address, and model names
/// are capped so a client cannot blow up cardinality.
/// </summary>
internal static class GatewayTelemetry
{
    /// <summary>Distinct model labels before the rest are reported as <c>_other</c>.</summary>
    public const int MaxModelLabels = 100;

    private static readonly ConcurrentDictionary<string, string> ModelLabels = new(StringComparer.Ordinal);

    /// <summary>Starts the span for an exchange (null when nobody listens).</summary>
    public static Activity? StartExchange(string operation, string path)
    {
        var activity = Diagnostics.ActivitySource.StartActivity(operation, ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(GenAiAttributes.OperationName, operation);
            activity.SetTag(GenAiAttributes.ProviderName, "openai");
            activity.SetTag("url.path", path);
        }

        return activity;
    }

    /// <summary>Names the span after the model once it is known (<c>chat gpt-4o</c>), with the upstream.</summary>
    public static void SetModel(Activity? activity, string operation, string? model, Configuration.UpstreamOptions upstream)
    {
        if (activity is not { IsAllDataRequested: true })
        {
            return;
        }

        if (model is not null)
        {
            activity.DisplayName = $"{operation} {model}";
            activity.SetTag(GenAiAttributes.RequestModel, model);
        }

        activity.SetTag(GenAiAttributes.Upstream, upstream.Name);
        activity.SetTag("server.address", upstream.BaseUrl.Host);
        activity.SetTag("server.port", upstream.BaseUrl.Port);
    }

    /// <summary>Records one guard pass (<c>input</c> or <c>output</c>) as a child span with its decision and findings.</summary>
    public static void RecordGuard(Activity? parent, string direction, Verdict verdict, IReadOnlyList<Finding> findings, long startedTimestamp)
    {
        if (parent is not { IsAllDataRequested: true })
        {
            return;
        }

        using var span = Diagnostics.ActivitySource.StartActivity(
            "guard " + direction, ActivityKind.Internal, parent.Context, startTime: TimeProvider.System.GetUtcNow() - TimeProvider.System.GetElapsedTime(startedTimestamp));
        if (span is null)
        {
            return;
        }

        span.SetTag(GenAiAttributes.GuardrailDirection, direction);
        SetDecision(span, verdict, findings);
        foreach (var f in findings)
        {
            // One event per finding: category, rule, action and score; never the evidence.
            span.AddEvent(new ActivityEvent("gen_ai.guardrail.finding", tags: new ActivityTagsCollection
            {
                ["gen_ai.guardrail.category"] = f.Category,
                ["gen_ai.guardrail.rule"] = f.Rule,
                ["llmsecops.action"] = ActionName(f.Action),
                [GenAiAttributes.GuardrailScore] = f.Score,
            }));
        }
    }

    /// <summary>Closes an exchange: span attributes and status, and the gateway metrics.</summary>
    public static void Finish(Exchange ex, double totalSeconds)
    {
        var verdict = ex.Verdict;
        var model = ModelLabel(ex.Model);
        var activity = ex.Activity;
        if (activity is { IsAllDataRequested: true })
        {
            if (ex.ResponseModel is { } rm)
            {
                activity.SetTag(GenAiAttributes.ResponseModel, rm);
            }

            if (ex.ResponseId is { } rid)
            {
                activity.SetTag(GenAiAttributes.ResponseId, rid);
            }

            if (ex.FinishReasons is { Count: > 0 } fr)
            {
                activity.SetTag(GenAiAttributes.ResponseFinishReasons, fr.ToArray());
            }

            if (ex.Usage is { } usage)
            {
                activity.SetTag(GenAiAttributes.UsageInputTokens, usage.PromptTokens);
                activity.SetTag(GenAiAttributes.UsageOutputTokens, usage.CompletionTokens);
            }

            SetDecision(activity, verdict, ex.Findings);
            activity.SetTag(GenAiAttributes.EventId, ex.EventId.ToString());
            activity.SetTag("http.response.status_code", ex.Status);
            if (ex.Logprobs?.Mean is { } mean)
            {
                activity.SetTag(GenAiAttributes.CompletionEntropy, mean);
            }

            if (ex.ErrorType is { } et)
            {
                activity.SetTag(GenAiAttributes.ErrorType, et);
                activity.SetStatus(ActivityStatusCode.Error, et);
            }
        }

        activity?.Stop();
        Instruments.GatewayRequests.Add(
            1,
            new KeyValuePair<string, object?>("http.route", ex.RouteTemplate),
            new KeyValuePair<string, object?>("http.response.status_code", ex.Status),
            new KeyValuePair<string, object?>("llmsecops.verdict", GuardEngine.VerdictName(verdict)));

        if (Instruments.OperationDuration.Enabled)
        {
            var tags = new TagList
            {
                { GenAiAttributes.OperationName, ex.Operation },
                { GenAiAttributes.RequestModel, model },
            };
            if (ex.ErrorType is { } errorType)
            {
                tags.Add(GenAiAttributes.ErrorType, errorType);
            }

            Instruments.OperationDuration.Record(totalSeconds, tags);
        }

        if (ex.Usage is { } u && Instruments.TokenUsage.Enabled)
        {
            Instruments.TokenUsage.Record(u.PromptTokens, new KeyValuePair<string, object?>("gen_ai.token.type", "input"), new KeyValuePair<string, object?>(GenAiAttributes.OperationName, ex.Operation), new KeyValuePair<string, object?>(GenAiAttributes.RequestModel, model));
            Instruments.TokenUsage.Record(u.CompletionTokens, new KeyValuePair<string, object?>("gen_ai.token.type", "output"), new KeyValuePair<string, object?>(GenAiAttributes.OperationName, ex.Operation), new KeyValuePair<string, object?>(GenAiAttributes.RequestModel, model));
        }

        if (ex.UpstreamMs is { } upstreamMs && ex.Upstream is { } upstream)
        {
            Instruments.UpstreamDuration.Record(
                upstreamMs / 1000.0,
                new KeyValuePair<string, object?>(GenAiAttributes.Upstream, upstream.Name),
                new KeyValuePair<string, object?>("http.response.status_code", ex.UpstreamStatus ?? 0));
        }

        if (ex.Logprobs?.Mean is { } entropy)
        {
            Instruments.CompletionEntropy.Record(entropy, new KeyValuePair<string, object?>(GenAiAttributes.RequestModel, model));
        }
    }

    private static void SetDecision(Activity span, Verdict verdict, IReadOnlyList<Finding> findings)
    {
        span.SetTag(GenAiAttributes.GuardrailDecision, GuardEngine.VerdictName(verdict));
        if (findings.Count == 0)
        {
            return;
        }

        var categories = new List<string>(findings.Count);
        var score = 0.0;
        foreach (var f in findings)
        {
            if (!categories.Contains(f.Category))
            {
                categories.Add(f.Category);
            }

            score = Math.Max(score, f.Score);
        }

        span.SetTag(GenAiAttributes.GuardrailCategories, categories.ToArray());
        span.SetTag(GenAiAttributes.GuardrailScore, score);
    }

    /// <summary>A bounded label for a model name.</summary>
    public static string ModelLabel(string? model)
    {
        if (string.IsNullOrEmpty(model))
        {
            return "_none";
        }

        if (ModelLabels.TryGetValue(model, out var label))
        {
            return label;
        }

        if (ModelLabels.Count >= MaxModelLabels || model.Length > 64)
        {
            return "_other";
        }

        return ModelLabels.GetOrAdd(model, model);
    }

    private static string ActionName(PolicyAction action) => action switch
    {
        PolicyAction.Block => "block",
        PolicyAction.Redact => "redact",
        PolicyAction.Flag => "flag",
        PolicyAction.Log => "log",
        _ => "off",
    };
}
