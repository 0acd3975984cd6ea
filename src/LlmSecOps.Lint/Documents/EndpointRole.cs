namespace LlmSecOps.Lint.Documents;

/// <summary>How an application uses a URL.</summary>
internal enum EndpointRole
{
    /// <summary>An LLM API base URL the application sends prompts to.</summary>
    Upstream,

    /// <summary>A URL the application or its tools fetch.</summary>
    Fetched,
}
