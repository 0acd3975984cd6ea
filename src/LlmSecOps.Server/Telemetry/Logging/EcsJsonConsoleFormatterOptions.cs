using Microsoft.Extensions.Logging.Console;

namespace LlmSecOps.Server.Telemetry.Logging;

/// <summary>
/// Settings of <see cref="EcsJsonConsoleFormatter"/>. Mutable because the console logger binds
/// formatter options through the options system; they are set once at registration.
/// </summary>
internal sealed class EcsJsonConsoleFormatterOptions : ConsoleFormatterOptions
{
    /// <summary>Written as <c>service.name</c>.</summary>
    public string ServiceName { get; set; } = "llmsecops";

    /// <summary>Written as <c>service.version</c> when set.</summary>
    public string? ServiceVersion { get; set; }

    /// <summary>Written as <c>event.dataset</c>.</summary>
    public string EventDataset { get; set; } = "llmsecops.log";
}
