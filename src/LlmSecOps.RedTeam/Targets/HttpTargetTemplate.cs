using System.Text.Json;

namespace LlmSecOps.RedTeam.Targets;

/// <summary>
/// A generic HTTP target read from YAML: how to build the request for one turn and where the
/// reply and the session id are in the response. See <see cref="HttpTargetTemplateLoader"/> for the format.
/// </summary>
internal sealed record HttpTargetTemplate
{
    /// <summary>Where the template came from.</summary>
    public required string Source { get; init; }

    /// <summary>HTTP method.</summary>
    public required HttpMethod Method { get; init; }

    /// <summary>URL with placeholders (environment variables already expanded).</summary>
    public required string Url { get; init; }

    /// <summary>URL as written, before environment expansion (used in the target id, so no secret lands in the store).</summary>
    public required string UrlAsWritten { get; init; }

    /// <summary>Request headers with placeholders.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>Body as a JSON tree whose string values may hold placeholders (null when the body is raw text).</summary>
    public JsonDocument? JsonBody { get; init; }

    /// <summary>Body as raw text with placeholders (null when the body is a JSON tree).</summary>
    public string? RawBody { get; init; }

    /// <summary>Content type of the body.</summary>
    public string ContentType { get; init; } = "application/json";

    /// <summary>Where the reply text is.</summary>
    public required JsonPathExpression ReplyPath { get; init; }

    /// <summary>Where tool calls are (an array in the chat-completions shape), when the API returns them.</summary>
    public JsonPathExpression? ToolCallsPath { get; init; }

    /// <summary>Where the session id is in the response body.</summary>
    public JsonPathExpression? SessionPath { get; init; }

    /// <summary>Response header carrying the session id.</summary>
    public string? SessionResponseHeader { get; init; }

    /// <summary>Request header the session id is sent back in (besides any <c>{{session_id}}</c> placeholder).</summary>
    public string? SessionRequestHeader { get; init; }

    /// <summary>Whether the first turn gets a client-generated session id instead of an empty one.</summary>
    public bool GenerateSessionId { get; init; }

    /// <summary>Time allowed for one request.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Status codes that mean a guard refused the request.</summary>
    public IReadOnlySet<int> BlockedStatuses { get; init; } = new HashSet<int>();

    /// <summary>A response path whose value marks a guard refusal.</summary>
    public JsonPathExpression? BlockedPath { get; init; }

    /// <summary>The value at <see cref="BlockedPath"/> that means blocked (any value when null).</summary>
    public string? BlockedEquals { get; init; }

    /// <summary>Whether the application takes the whole history (<c>{{messages}}</c>) rather than one prompt.</summary>
    public bool SendsHistory { get; init; }

    /// <summary>Whether the template has a place for a system prompt.</summary>
    public bool TakesSystemPrompt { get; init; }
}
