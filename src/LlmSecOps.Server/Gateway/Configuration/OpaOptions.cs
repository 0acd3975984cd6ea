namespace LlmSecOps.Server.Gateway.Configuration;

/// <summary>Where and how to ask an Open Policy Agent server for the final decision.</summary>
internal sealed record OpaOptions
{
    /// <summary>OPA base URL, e.g. <c>http://127.0.0.1:8181</c>.</summary>
    public required Uri Url { get; init; }

    /// <summary>Document path under <c>/v1/data/</c>, e.g. <c>llmsecops/gateway/decision</c>.</summary>
    public string Path { get; init; } = "llmsecops/gateway/decision";

    /// <summary>Time allowed for the decision.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Whether requests go through when OPA cannot be asked (timeout, error, undefined decision).</summary>
    public bool FailOpen { get; init; }

    /// <summary>The full decision URL.</summary>
    public Uri DecisionUrl => new(Url, "v1/data/" + Path.Trim('/'));
}
