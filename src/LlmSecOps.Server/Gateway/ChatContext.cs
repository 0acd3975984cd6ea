using LlmSecOps.Core.Policy;
using LlmSecOps.Server.Gateway.Events;
using Microsoft.AspNetCore.Http;

namespace LlmSecOps.Server.Gateway;

/// <summary>What the response side of a chat exchange needs to know about the request.</summary>
internal sealed class ChatContext
{
    public required GatewayRuntime Runtime { get; init; }

    public required HttpContext Http { get; init; }

    public required Exchange Exchange { get; init; }

    /// <summary>The route's tool policy.</summary>
    public required ToolPolicy Tools { get; init; }

    /// <summary>Tool names offered to the model after filtering.</summary>
    public required HashSet<string> Offered { get; init; }

    /// <summary>Whether the client itself asked for log-probabilities.</summary>
    public bool ClientWantsLogprobs { get; init; }

    /// <summary>The client's <c>top_logprobs</c>, when it asked.</summary>
    public int? ClientTopLogprobs { get; init; }

    /// <summary>Whether the gateway asked for more log-probabilities than the client did.</summary>
    public bool LogprobsInjected { get; init; }

    /// <summary>Whether the client asked for a usage chunk at the end of a stream.</summary>
    public bool ClientWantsUsage { get; init; }

    /// <summary>Restores placeholders from the request in the completion (null when off or nothing was redacted).</summary>
    public PlaceholderRestorer? Restorer { get; init; }

    /// <summary>Canaries planted in this request.</summary>
    public IReadOnlyList<string> Canaries { get; init; } = [];
}
