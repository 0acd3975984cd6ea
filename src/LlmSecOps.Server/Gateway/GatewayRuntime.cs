using LlmSecOps.Core.Events;
using LlmSecOps.Core.Policy;
using LlmSecOps.Guard;
using LlmSecOps.Server.Gateway.Auth;
using LlmSecOps.Server.Gateway.Configuration;
using LlmSecOps.Server.Gateway.Events;
using LlmSecOps.Server.Gateway.Opa;
using LlmSecOps.Server.Gateway.Upstream;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LlmSecOps.Server.Gateway;

/// <summary>
/// The gateway's shared, immutable parts: options, guard engine, upstream clients, principal
/// resolution, OPA and the event sink. One per host; every request uses it concurrently.
/// </summary>
internal sealed class GatewayRuntime : IDisposable
{
    public GatewayRuntime(GatewayOptions options, GuardEngine engine, IEventSink sink, TimeProvider timeProvider, ILogger logger)
    {
        Options = options;
        Engine = engine;
        Sink = sink;
        Time = timeProvider;
        Log = logger;
        Router = new UpstreamRouter(options.Upstreams);
        Upstreams = new UpstreamClient(options.Upstreams, timeProvider);
        Principals = new PrincipalResolver(options);
        Opa = options.Opa is { } opa ? new OpaClient(opa) : null;
        Retention = options.Bodies ?? engine.Policy.Bodies;
        Prompts = new CleanPromptCache(engine);
    }

    public GatewayOptions Options { get; }

    public GuardEngine Engine { get; }

    public GuardPolicy Policy => Engine.Policy;

    /// <summary>System prompts <see cref="Engine"/> found clean, so a repeated one is not scanned again.</summary>
    public CleanPromptCache Prompts { get; }

    public IEventSink Sink { get; }

    public TimeProvider Time { get; }

    public ILogger Log { get; }

    public UpstreamRouter Router { get; }

    public UpstreamClient Upstreams { get; }

    public PrincipalResolver Principals { get; }

    public OpaClient? Opa { get; }

    public BodyRetention Retention { get; }

    /// <summary>Extra readiness check (the event store); returns a problem or null.</summary>
    public Func<CancellationToken, Task<string?>>? ReadinessCheck { get; init; }

    /// <summary>The tool policy of a route: the route's own, or the policy file's.</summary>
    public ToolPolicy ToolsFor(string routeName) =>
        Options.Routes.TryGetValue(routeName, out var r) && r.Tools is { } t ? t : Policy.Tools;

    /// <summary>Starts an exchange.</summary>
    public Exchange Begin(HttpContext context, string operation, string routeName, string template)
    {
        var ex = new Exchange
        {
            Started = Time.GetUtcNow(),
            StartTimestamp = Time.GetTimestamp(),
            Operation = operation,
            Path = context.Request.Path.Value ?? string.Empty,
            RouteName = routeName,
            RouteTemplate = template,
        };
        ex.Activity = GatewayTelemetry.StartExchange(operation, ex.Path);
        return ex;
    }

    /// <summary>Milliseconds since a timestamp.</summary>
    public double Ms(long since) => Time.GetElapsedTime(since).TotalMilliseconds;

    /// <summary>Ends an exchange: metrics, span and the event. Never throws.</summary>
    public void Finish(Exchange ex)
    {
        var totalMs = Ms(ex.StartTimestamp);
        try
        {
            GatewayTelemetry.Finish(ex, totalMs / 1000.0);
        }
        catch (InvalidOperationException)
        {
            // A listener failing must not fail the request.
        }

        try
        {
            Sink.Write(EventFactory.Build(ex, Retention, totalMs));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            GatewayLog.SinkFailed(Log, e);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Upstreams.Dispose();
        Opa?.Dispose();
    }
}
