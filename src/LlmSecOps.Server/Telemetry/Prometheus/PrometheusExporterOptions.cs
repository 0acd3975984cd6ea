using LlmSecOps.Core.Telemetry;

namespace LlmSecOps.Server.Telemetry.Prometheus;

/// <summary>What the <c>/metrics</c> endpoint exposes and how much memory it may use.</summary>
public sealed record PrometheusExporterOptions
{
    /// <summary>
    /// Tag keys never turned into labels, whatever instrument records them: anything naming a
    /// person, a key or an address. Addresses of this host are left out too; Prometheus's own
    /// <c>instance</c> label already says which host was scraped.
    /// </summary>
    public static IReadOnlyList<string> DefaultExcludedTagKeys { get; } =
    [
        "client.address", "client.port", "client.ip", "source.address", "source.port",
        "network.peer.address", "network.peer.port", "network.local.address", "network.local.port",
        "server.address", "destination.address", "http.client_ip", "net.peer.ip", "net.sock.peer.addr",
        "user.id", "user.name", "user.email", "user.full_name", "enduser.id", "enduser.pseudo.id",
        "llmsecops.user", "llmsecops.client_ip", "llmsecops.api_key", "llmsecops.api_key_id",
    ];

    /// <summary>Meters whose instruments are exported, by exact name.</summary>
    public IReadOnlyList<string> Meters { get; init; } =
    [
        Diagnostics.Name, "System.Runtime", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel",
    ];

    /// <summary>
    /// Most series one instrument may have. Label sets past the cap are counted in one series
    /// labelled <c>otel_metric_overflow="true"</c>.
    /// </summary>
    public int MaxSeriesPerInstrument { get; init; } = 2000;

    /// <summary>Longest label value kept; longer values are cut to this many characters.</summary>
    public int MaxLabelValueLength { get; init; } = 256;

    /// <summary>Tag keys never exported as labels (compared without case).</summary>
    public IReadOnlyList<string> ExcludedTagKeys { get; init; } = DefaultExcludedTagKeys;

    /// <summary>Whether to add <c>process_*</c> and <c>dotnet_total_memory_bytes</c> samples read at scrape time.</summary>
    public bool IncludeProcessMetrics { get; init; } = true;

    /// <summary>Whether to add a <c>target_info</c> gauge carrying the service name and version.</summary>
    public bool IncludeTargetInfo { get; init; } = true;

    /// <summary>
    /// Whether every series carries <c>otel_scope_name</c> and <c>otel_scope_version</c>. Off by
    /// default: the product has one meter, and the extra labels only lengthen every line.
    /// </summary>
    public bool IncludeScopeLabels { get; init; }

    /// <summary>Every problem with these options; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Meters is null || Meters.Count == 0)
        {
            errors.Add("Metrics.Meters must name at least one meter.");
        }
        else if (Meters.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("Metrics.Meters must not contain an empty name.");
        }

        if (MaxSeriesPerInstrument is < 1 or > 100_000)
        {
            errors.Add($"Metrics.MaxSeriesPerInstrument must be between 1 and 100000 (was {MaxSeriesPerInstrument}).");
        }

        if (MaxLabelValueLength is < 1 or > 65_536)
        {
            errors.Add($"Metrics.MaxLabelValueLength must be between 1 and 65536 (was {MaxLabelValueLength}).");
        }

        if (ExcludedTagKeys is null)
        {
            errors.Add("Metrics.ExcludedTagKeys must not be null.");
        }

        return errors;
    }
}
