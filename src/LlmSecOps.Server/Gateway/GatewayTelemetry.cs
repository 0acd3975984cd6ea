using System.Collections.Concurrent;
using System.Diagnostics;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Core.Telemetry;
using LlmSecOps.Guard;
using LlmSecOps.Server.Gateway.Events;

namespace LlmSecOps.Server.Gateway;

/// <summary>
/// Spans and metrics of the gateway. Spans follow the OpenTelemetry GenAI conventions
/// (<c>gen_ai.*</c>); guard decisions use the <c>gen_ai.guardrail.*</c> names of the GenAI
/// guardrail proposal, which is still in development upstream. Metric tags never carry a
/// principal or an address, and model names are capped so a client cannot blow up cardinality.
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
            activity.SetTag("gen_ai.operation.name", operation);
            activity.SetTag("gen_ai.provider.name", "openai");
            activity.SetTag("url.path", path);
        }

        return activity;
    }

    /// <summary>Names the span after the model once the model is known (<c>chat gpt-4o</c>).</summary>
    public static void SetModel(Activity? activity, string operation, string? model, Uri? upstream)
    {
        if (activity is not { IsAllDataRequested: true })
        {
            return;
        }

        if (model is not null)
        {
            activity.DisplayName = $"{operation} {model}";
            activity.SetTag("gen_ai.request.model", model);
        }

        if (upstream is not null)
        {
            activity.SetTag("server.address", upstream.Host);
            activity.SetTag("server.port", upstream.Port);
        }
    }

    /// <summary>Records one guard pass as a child span with its decision and findings.</summary>
    public static void RecordGuard(Activity? parent, string target, Verdict verdict, IReadOnlyList<Finding> findings, long startedTimestamp)
    {
        if (parent is not { IsAllDataRequested: true })
        {
            return;
        }

        using var span = Diagnostics.ActivitySource.StartActivity(
            "apply_guardrail " + target, ActivityKind.Internal, parent.Context, startTime: TimeProvider.System.GetUtcNow() - TimeProvider.System.GetElapsedTime(startedTimestamp));
        if (span is null)
        {
            return;
        }

        span.SetTag("gen_ai.operation.name", "apply_guardrail");
        span.SetTag("gen_ai.guardrail.name", "llmsecops");
        span.SetTag("gen_ai.guardrail.target.type", target);
        span.SetTag("gen_ai.guardrail.decision.type", DecisionType(verdict));
        AddFindings(span, findings);
    }

    /// <summary>Adds one span event per finding (category, rule, action, score; never evidence).</summary>
    public static void AddFindings(Activity span, IReadOnlyList<Finding> findings)
    {
        foreach (var f in findings)
        {
            span.AddEvent(new ActivityEvent("gen_ai.guardrail.finding", tags: new ActivityTagsCollection
            {
                ["gen_ai.guardrail.category"] = f.Category,
                ["gen_ai.guardrail.rule.id"] = f.Rule,
                ["gen_ai.guardrail.action.type"] = ActionType(f.Action),
                ["gen_ai.guardrail.score"] = f.Score,
            }));
        }
    }

    /// <summary>Closes an exchange: span attributes, status and the gateway metrics.</summary>
    public static void Finish(Exchange ex, double totalSeconds)
    {
        var verdict = ex.Verdict;
        var model = ModelLabel(ex.Model);
        var activity = ex.Activity;
        if (activity is { IsAllDataRequested: true })
        {
            if (ex.ResponseModel is { } rm)
            {
                activity.SetTag("gen_ai.response.model", rm);
            }

            if (ex.ResponseId is { } rid)
            {
                activity.SetTag("gen_ai.response.id", rid);
            }

            if (ex.FinishReasons is { Count: > 0 } fr)
            {
                activity.SetTag("gen_ai.response.finish_reasons", fr.ToArray());
            }

            if (ex.Usage is { } usage)
            {
                activity.SetTag("gen_ai.usage.input_tokens", usage.PromptTokens);
                activity.SetTag("gen_ai.usage.output_tokens", usage.CompletionTokens);
            }

            activity.SetTag("gen_ai.guardrail.decision.type", DecisionType(verdict));
            var blocking = ex.BlockingCategories();
            if (blocking.Count > 0)
            {
                activity.SetTag("gen_ai.guardrail.category", blocking.ToArray());
            }

            activity.SetTag("http.response.status_code", ex.Status);
            if (ex.Logprobs?.Mean is { } mean)
            {
                activity.SetTag("llmsecops.entropy.mean", mean);
            }

            if (ex.ErrorType is { } et)
            {
                activity.SetTag("error.type", et);
                activity.SetStatus(ActivityStatusCode.Error, ex.Error);
            }

            activity.Stop();
        }
        else
        {
            activity?.Stop();
        }

        Instruments.GatewayRequests.Add(
            1,
            new KeyValuePair<string, object?>("http.route", ex.RouteTemplate),
            new KeyValuePair<string, object?>("http.response.status_code", ex.Status),
            new KeyValuePair<string, object?>("llmsecops.verdict", GuardEngine.VerdictName(verdict)));

        if (Instruments.OperationDuration.Enabled)
        {
            var tags = new TagList
            {
                { "gen_ai.operation.name", ex.Operation },
                { "gen_ai.request.model", model },
            };
            if (ex.ErrorType is { } errorType)
            {
                tags.Add("error.type", errorType);
            }

            Instruments.OperationDuration.Record(totalSeconds, tags);
        }

        if (ex.Usage is { } u && Instruments.TokenUsage.Enabled)
        {
            Instruments.TokenUsage.Record(u.PromptTokens, new KeyValuePair<string, object?>("gen_ai.token.type", "input"), new KeyValuePair<string, object?>("gen_ai.operation.name", ex.Operation), new KeyValuePair<string, object?>("gen_ai.request.model", model));
            Instruments.TokenUsage.Record(u.CompletionTokens, new KeyValuePair<string, object?>("gen_ai.token.type", "output"), new KeyValuePair<string, object?>("gen_ai.operation.name", ex.Operation), new KeyValuePair<string, object?>("gen_ai.request.model", model));
        }

        if (ex.UpstreamMs is { } upstreamMs && ex.Upstream is { } upstream)
        {
            Instruments.UpstreamDuration.Record(
                upstreamMs / 1000.0,
                new KeyValuePair<string, object?>("llmsecops.upstream", upstream.Name),
                new KeyValuePair<string, object?>("http.response.status_code", ex.UpstreamStatus ?? 0));
        }

        if (ex.Logprobs?.Mean is { } entropy)
        {
            Instruments.CompletionEntropy.Record(entropy, new KeyValuePair<string, object?>("gen_ai.request.model", model));
        }
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

    /// <summary>Guardrail decision names: allow, warn (flag), modify (redact), deny (block).</summary>
    public static string DecisionType(Verdict verdict) => verdict switch
    {
        Verdict.Block => "deny",
        Verdict.Redact => "modify",
        Verdict.Flag => "warn",
        _ => "allow",
    };

    private static string ActionType(PolicyAction action) => action switch
    {
        PolicyAction.Block => "block",
        PolicyAction.Redact => "modify",
        PolicyAction.Flag => "warn",
        PolicyAction.Log => "log",
        _ => "none",
    };
}
