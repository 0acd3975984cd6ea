using LlmSecOps.Core.Scanning;
using LlmSecOps.RedTeam.Probes;

namespace LlmSecOps.RedTeam.Reporting;

/// <summary>What reports show about a probe (from its definition, or a stub when the definition is gone).</summary>
public sealed record ProbeInfo
{
    /// <summary>Probe id.</summary>
    public required string Id { get; init; }

    /// <summary>Family.</summary>
    public required string Family { get; init; }

    /// <summary>Title.</summary>
    public required string Title { get; init; }

    /// <summary>Intent.</summary>
    public string Intent { get; init; } = string.Empty;

    /// <summary>Expected bad behaviour.</summary>
    public string? Expected { get; init; }

    /// <summary>Description.</summary>
    public string? Description { get; init; }

    /// <summary>Severity.</summary>
    public Severity Severity { get; init; } = Severity.High;

    /// <summary>OWASP ids.</summary>
    public IReadOnlyList<string> Owasp { get; init; } = [];

    /// <summary>ATLAS ids.</summary>
    public IReadOnlyList<string> Atlas { get; init; } = [];

    /// <summary>File the probe came from (<c>builtin:…</c> for shipped ones).</summary>
    public string Source { get; init; } = "unknown";

    /// <summary>Line in that file.</summary>
    public int Line { get; init; }

    /// <summary>Column in that file.</summary>
    public int Column { get; init; }

    /// <summary>From a probe definition.</summary>
    public static ProbeInfo From(Probe p) => new()
    {
        Id = p.Id,
        Family = p.Family,
        Title = p.Title,
        Intent = p.Intent,
        Expected = p.Expected,
        Description = p.Description,
        Severity = p.Severity,
        Owasp = p.Owasp,
        Atlas = p.Atlas,
        Source = p.Source,
        Line = p.Line,
        Column = p.Column,
    };
}
