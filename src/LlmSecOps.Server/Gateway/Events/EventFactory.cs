using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LlmSecOps.Core.Events;
using LlmSecOps.Core.Policy;

namespace LlmSecOps.Server.Gateway.Events;

/// <summary>Turns a finished <see cref="Exchange"/> into the <see cref="LlmEvent"/> that is stored.</summary>
internal static class EventFactory
{
    /// <summary>Source name of gateway events.</summary>
    public const string Source = "serve";

    /// <summary>Builds the event, applying the body retention.</summary>
    public static LlmEvent Build(Exchange ex, BodyRetention retention, double totalMs)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["operation"] = ex.Operation,
            ["route_name"] = ex.RouteName,
            ["stream"] = ex.Stream ? "true" : "false",
        };
        if (ex.UpstreamAttempts > 0)
        {
            attributes["upstream_attempts"] = ex.UpstreamAttempts.ToString(CultureInfo.InvariantCulture);
        }

        if (ex.UpstreamStatus is { } us)
        {
            attributes["upstream_status"] = us.ToString(CultureInfo.InvariantCulture);
        }

        if (ex.ResponseModel is { } rm)
        {
            attributes["response_model"] = rm;
        }

        if (ex.ResponseId is { } rid)
        {
            attributes["response_id"] = rid;
        }

        if (ex.FinishReasons is { Count: > 0 } fr)
        {
            attributes["finish_reasons"] = string.Join(',', fr);
        }

        if (ex.Canary is { } canary)
        {
            attributes["canary"] = canary;
        }

        if (ex.OpaDecision is { } opa)
        {
            attributes["opa"] = opa;
        }

        return new LlmEvent
        {
            Id = ex.EventId,
            Timestamp = ex.Started,
            Source = Source,
            TraceId = ex.Activity?.TraceId.ToHexString(),
            Route = ex.Path,
            Model = ex.Model,
            Upstream = ex.Upstream?.Name,
            Principal = ex.Principal,
            Verdict = ex.Verdict,
            Findings = [.. ex.Findings],
            Request = Keep(ex.RequestBody, retention),
            Response = Keep(ex.ResponseBody, retention),
            Retention = retention switch
            {
                BodyRetention.Hash => "hash",
                BodyRetention.Drop => "drop",
                _ => "full",
            },
            Status = ex.Status,
            Error = ex.Error,
            Latency = new EventLatency
            {
                TotalMs = Math.Round(totalMs, 3),
                GuardMs = Math.Round(ex.GuardMs, 3),
                UpstreamMs = ex.UpstreamMs is { } u ? Math.Round(u, 3) : null,
                FirstTokenMs = ex.FirstTokenMs is { } f ? Math.Round(f, 3) : null,
            },
            Usage = ex.Usage,
            EntropyMean = ex.Logprobs?.Mean,
            EntropyMax = ex.Logprobs?.Max,
            LogProbs = ex.Logprobs is { Tokens.Count: > 0 } lp ? lp.Tokens : null,
            ToolsOffered = ex.ToolsOffered is { Count: > 0 } offered ? offered : null,
            ToolsCalled = ex.ToolsCalled is { Count: > 0 } called ? called : null,
            Attributes = attributes,
        };
    }

    private static string? Keep(string? body, BodyRetention retention) => body is null ? null : retention switch
    {
        BodyRetention.Full => body,
        BodyRetention.Hash => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body))),
        _ => null,
    };
}
