using LlmSecOps.Core.Policy;
using LlmSecOps.Lint.Schema;

namespace LlmSecOps.Server.Gateway.Configuration;

/// <summary>
/// The prompt schema the gateway enforces (the file <c>llmsecops lint</c> and <c>render</c> read):
/// a request names its template and variables in <c>llmsecops_prompt</c>, and values that break the
/// schema are a <c>schema_violation</c>.
/// </summary>
internal sealed record PromptSchemaOptions
{
    /// <summary>The schema file, as loaded.</summary>
    public required string Path { get; init; }

    /// <summary>The parsed schema (immutable, shared by all requests).</summary>
    public required PromptSchema Schema { get; init; }

    /// <summary>Whether a chat request without <c>llmsecops_prompt</c> is itself a violation.</summary>
    public bool Required { get; init; }

    /// <summary>Loads a schema file; every problem in it becomes a <see cref="PolicyError"/> with its location.</summary>
    public static PromptSchemaOptions Load(string path, bool required, List<PolicyError> errors)
    {
        try
        {
            return new PromptSchemaOptions { Path = path, Schema = PromptSchema.LoadFile(path), Required = required };
        }
        catch (PromptSchemaException ex)
        {
            errors.AddRange(ex.Errors.Select(e => new PolicyError(e.Source, e.Line, e.Column, "prompt schema: " + e.Message)));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            errors.Add(new PolicyError(path, 0, 0, "prompt schema: " + ex.Message));
        }

        return new PromptSchemaOptions { Path = path, Schema = PromptSchema.Empty, Required = required };
    }
}
