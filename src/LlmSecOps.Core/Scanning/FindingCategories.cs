namespace LlmSecOps.Core.Scanning;

/// <summary>The category names findings use; policy files use the same names (or the aliases in <see cref="Normalize"/>).</summary>
public static class FindingCategories
{
    public const string PromptInjection = "prompt_injection";
    public const string Jailbreak = "jailbreak";
    public const string InvisibleText = "invisible_text";
    public const string Secret = "secret";
    public const string Pii = "pii";
    public const string Length = "length";
    public const string DenyList = "deny_list";
    public const string CanaryLeak = "canary_leak";
    public const string SystemPromptLeak = "system_prompt_leak";
    public const string ExfiltrationLink = "exfiltration_link";
    public const string Refusal = "refusal";
    public const string ToolViolation = "tool_violation";
    public const string Entropy = "entropy";
    public const string SchemaViolation = "schema_violation";

    /// <summary>Every category the engine knows, in a stable order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        PromptInjection, Jailbreak, InvisibleText, Secret, Pii, Length, DenyList, CanaryLeak,
        SystemPromptLeak, ExfiltrationLink, Refusal, ToolViolation, Entropy, SchemaViolation,
    ];

    /// <summary>Categories whose findings carry a span that can be replaced by a placeholder.</summary>
    public static bool IsRedactable(string category) =>
        category is Secret or Pii or DenyList or CanaryLeak;

    /// <summary>
    /// Maps a policy key to a category name, accepting the plural and short forms people write
    /// (<c>secrets</c>, <c>canary</c>, <c>exfiltration_links</c>). Returns null for unknown keys.
    /// </summary>
    public static string? Normalize(string key)
    {
        var k = key.Trim().ToLowerInvariant().Replace('-', '_');
        return k switch
        {
            "secrets" => Secret,
            "canary" or "canaries" or "canary_token" or "canary_tokens" => CanaryLeak,
            "exfiltration" or "exfiltration_links" or "exfil" => ExfiltrationLink,
            "injection" or "prompt_injections" => PromptInjection,
            "jailbreaks" => Jailbreak,
            "invisible" or "invisible_unicode" => InvisibleText,
            "deny" or "denylist" or "deny_lists" => DenyList,
            "limits" or "length_limit" or "token_limit" => Length,
            "system_prompt_leakage" or "prompt_leak" => SystemPromptLeak,
            "tools" or "tool_violations" => ToolViolation,
            _ => All.Contains(k) ? k : null,
        };
    }
}
