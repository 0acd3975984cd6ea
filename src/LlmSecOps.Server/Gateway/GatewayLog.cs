using Microsoft.Extensions.Logging;

namespace LlmSecOps.Server.Gateway;

/// <summary>The gateway's log messages. Never content, keys or addresses beyond what events hold.</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Request blocked on {Route}: {Categories}")]
    public static partial void RequestBlocked(ILogger logger, string route, string categories);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Completion blocked on {Route}: {Categories}")]
    public static partial void CompletionBlocked(ILogger logger, string route, string categories);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Upstream {Upstream} failed: {Detail}")]
    public static partial void UpstreamFailed(ILogger logger, string upstream, string detail);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "OPA gave no usable decision: {Detail}")]
    public static partial void OpaFailed(ILogger logger, string detail);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Error, Message = "Unexpected failure handling {Route}")]
    public static partial void Unexpected(ILogger logger, Exception exception, string route);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Error, Message = "The event sink refused an event")]
    public static partial void SinkFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Information, Message = "Gateway listening on {Urls}; upstreams: {Upstreams}")]
    public static partial void Listening(ILogger logger, string urls, string upstreams);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Information, Message = "Request denied by OPA on {Route}")]
    public static partial void OpaDenied(ILogger logger, string route);
}
