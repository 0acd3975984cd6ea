using LlmSecOps.Core.Events;
using LlmSecOps.Guard;
using LlmSecOps.Server.Gateway.Configuration;
using Microsoft.Extensions.Logging;

namespace LlmSecOps.Server.Gateway;

/// <summary>What a gateway host is built from.</summary>
internal sealed record GatewayHostSettings
{
    /// <summary>Gateway options (validated when the host is built).</summary>
    public required GatewayOptions Options { get; init; }

    /// <summary>The guard engine (its policy is the policy in force).</summary>
    public required GuardEngine Engine { get; init; }

    /// <summary>Where events go.</summary>
    public required IEventSink Sink { get; init; }

    /// <summary>Listen URLs, separated by <c>;</c>. Port 0 picks a free port.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:8080";

    /// <summary>Clock for timestamps and durations.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Lowest level logged.</summary>
    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Information;

    /// <summary>Readiness check of the event store; returns a problem or null.</summary>
    public Func<CancellationToken, Task<string?>>? ReadinessCheck { get; init; }

    /// <summary>Whether the telemetry endpoints (metrics, traces, JSON logs) are wired.</summary>
    public bool EnableTelemetry { get; init; } = true;
}
