namespace LlmSecOps.Server.Telemetry;

/// <summary>
/// Span attribute names the gateway sets on its activities, from the OpenTelemetry GenAI
/// semantic conventions (<c>gen_ai.*</c>) and the guardrail attributes the product uses
/// (<c>gen_ai.guardrail.*</c>, names aligned with the metric tags). Spans never carry prompt or
/// completion text, API keys or user identifiers.
/// </summary>
internal static class GenAiAttributes
{
    /// <summary>Operation: <c>chat</c>, <c>embeddings</c>, <c>text_completion</c>.</summary>
    public const string OperationName = "gen_ai.operation.name";

    /// <summary>Provider of the upstream API, e.g. <c>openai</c>.</summary>
    public const string ProviderName = "gen_ai.provider.name";

    /// <summary>Model the client asked for.</summary>
    public const string RequestModel = "gen_ai.request.model";

    /// <summary>Model that answered, as the upstream reports it.</summary>
    public const string ResponseModel = "gen_ai.response.model";

    /// <summary>Completion id returned by the upstream.</summary>
    public const string ResponseId = "gen_ai.response.id";

    /// <summary>Finish reasons of the choices (string array).</summary>
    public const string ResponseFinishReasons = "gen_ai.response.finish_reasons";

    /// <summary>Prompt tokens the upstream reported.</summary>
    public const string UsageInputTokens = "gen_ai.usage.input_tokens";

    /// <summary>Completion tokens the upstream reported.</summary>
    public const string UsageOutputTokens = "gen_ai.usage.output_tokens";

    /// <summary>The guard's decision: <c>allow</c>, <c>flag</c>, <c>redact</c> or <c>block</c>.</summary>
    public const string GuardrailDecision = "gen_ai.guardrail.decision";

    /// <summary>Categories of the findings the policy acted on (string array), e.g. <c>prompt_injection</c>.</summary>
    public const string GuardrailCategories = "gen_ai.guardrail.categories";

    /// <summary>What was scanned: <c>input</c>, <c>output</c>, <c>tool_call</c>, <c>retrieved</c>.</summary>
    public const string GuardrailDirection = "gen_ai.guardrail.direction";

    /// <summary>Highest finding score (0 to 1).</summary>
    public const string GuardrailScore = "gen_ai.guardrail.score";

    /// <summary>Mean per-token entropy of the completion, in nats, when log-probabilities were requested.</summary>
    public const string CompletionEntropy = "llmsecops.completion.entropy";

    /// <summary>Id of the stored event for the exchange, to jump from a trace to <c>llmsecops events</c>.</summary>
    public const string EventId = "llmsecops.event.id";

    /// <summary>Name of the configured upstream that served the request.</summary>
    public const string Upstream = "llmsecops.upstream";

    /// <summary>Low-cardinality error class when the exchange failed (<c>timeout</c>, <c>upstream_unreachable</c>, <c>content_filter</c>).</summary>
    public const string ErrorType = "error.type";
}
