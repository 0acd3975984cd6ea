using Microsoft.Extensions.Logging;

namespace LlmSecOps.Server.Tests.Telemetry;

/// <summary>Log messages the ECS formatter tests write, shaped like the gateway's.</summary>
internal static partial class EcsTestLog
{
    [LoggerMessage(EventId = 1201, EventName = "RequestCompleted", Level = LogLevel.Information,
        Message = "{method} {path} answered {statusCode} in {elapsedMs} ms for {clientIp} via {model}")]
    public static partial void RequestCompleted(ILogger logger, string method, string path, int statusCode, double elapsedMs, string clientIp, string model);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Error, Message = "Upstream {upstream} failed")]
    public static partial void UpstreamFailed(ILogger logger, string upstream, Exception exception);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Warning, Message = "Client sent key {apiKey} with {Authorization} and {body} and {canaryToken}")]
    public static partial void LeakAttempt(ILogger logger, string apiKey, string authorization, string body, string canaryToken);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Debug, Message = "Odd text: {text}")]
    public static partial void OddText(ILogger logger, string text);
}
