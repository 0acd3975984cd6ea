namespace LlmSecOps.RedTeam.Targets;

/// <summary>Settings of an OpenAI-compatible chat-completions target.</summary>
public sealed record OpenAiTargetOptions
{
    /// <summary>Base URL, e.g. <c>http://127.0.0.1:8000/v1</c>; <c>/chat/completions</c> is appended.</summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>Model name sent in the request.</summary>
    public required string Model { get; init; }

    /// <summary>Bearer token, when the endpoint needs one.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Time allowed for one request before it counts as a timeout error.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Sampling temperature; null leaves the server default.</summary>
    public double? Temperature { get; init; }

    /// <summary>Largest completion asked for; null leaves the server default.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>Every problem with the settings (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!BaseUrl.IsAbsoluteUri || (BaseUrl.Scheme != Uri.UriSchemeHttp && BaseUrl.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"target URL '{BaseUrl}' must be an absolute http or https URL");
        }

        if (string.IsNullOrWhiteSpace(Model))
        {
            errors.Add("a model name is required (--model)");
        }

        if (Timeout <= TimeSpan.Zero)
        {
            errors.Add("timeout must be positive");
        }

        if (Temperature is < 0 or > 2)
        {
            errors.Add("temperature must be between 0 and 2");
        }

        return errors;
    }
}
