namespace LlmSecOps.RedTeam.Reporting;

/// <summary>Counts and attack success rate for one probe, family or mutator.</summary>
public sealed record MetricRow
{
    /// <summary>Probe id, family or mutator chain.</summary>
    public required string Key { get; init; }

    /// <summary>Family (for probe rows).</summary>
    public string? Family { get; init; }

    /// <summary>Attempts.</summary>
    public int Attempts { get; init; }

    /// <summary>Successful attacks.</summary>
    public int Successes { get; init; }

    /// <summary>Resisted attacks.</summary>
    public int Failures { get; init; }

    /// <summary>Attacks a guard blocked.</summary>
    public int Blocked { get; init; }

    /// <summary>Attempts that errored.</summary>
    public int Errors { get; init; }

    /// <summary>Judged attempts (errors excluded).</summary>
    public int Judged => Attempts - Errors;

    /// <summary>Attack success rate: successes over judged attempts.</summary>
    public double Asr => Judged > 0 ? Math.Round((double)Successes / Judged, 4) : 0;

    /// <summary>Share of judged attempts a guard blocked.</summary>
    public double BlockRate => Judged > 0 ? Math.Round((double)Blocked / Judged, 4) : 0;

    /// <summary>The threshold that applies (probe rows), when one is set.</summary>
    public double? Threshold { get; init; }

    /// <summary>Whether the ASR exceeds the threshold.</summary>
    public bool ThresholdExceeded => Threshold is { } t && Judged > 0 && Asr > t;

    /// <summary>Whether every attempt errored, so nothing was judged.</summary>
    public bool AllErrored => Attempts > 0 && Errors == Attempts;
}
