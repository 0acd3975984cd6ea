namespace LlmSecOps.Lint.Documents;

/// <summary>A set of sampling parameters (a config mapping, call arguments, an options initializer).</summary>
internal sealed record ModelParameters
{
    /// <summary>Where to report a missing limit.</summary>
    public required int Start { get; init; }

    public required int End { get; init; }

    public bool HasMaxTokens { get; init; }

    /// <summary>Whether any sampling parameter (temperature, top_p, penalties, response format, seed, stop) is set.</summary>
    public bool HasSamplingParameters { get; init; }

    public double? Temperature { get; init; }

    public int TemperatureStart { get; init; }

    public int TemperatureEnd { get; init; }

    /// <summary>Whether JSON output is requested (response_format json_object/json_schema, JSON MIME type, format: json).</summary>
    public bool JsonOutput { get; init; }
}
