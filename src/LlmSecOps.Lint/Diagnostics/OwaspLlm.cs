namespace LlmSecOps.Lint.Diagnostics;

/// <summary>Identifiers and titles of the OWASP Top 10 for LLM Applications, 2025 edition.</summary>
public static class OwaspLlm
{
    /// <summary>LLM01:2025 Prompt Injection.</summary>
    public const string PromptInjection = "LLM01:2025";

    /// <summary>LLM02:2025 Sensitive Information Disclosure.</summary>
    public const string SensitiveInformationDisclosure = "LLM02:2025";

    /// <summary>LLM03:2025 Supply Chain.</summary>
    public const string SupplyChain = "LLM03:2025";

    /// <summary>LLM04:2025 Data and Model Poisoning.</summary>
    public const string DataAndModelPoisoning = "LLM04:2025";

    /// <summary>LLM05:2025 Improper Output Handling.</summary>
    public const string ImproperOutputHandling = "LLM05:2025";

    /// <summary>LLM06:2025 Excessive Agency.</summary>
    public const string ExcessiveAgency = "LLM06:2025";

    /// <summary>LLM07:2025 System Prompt Leakage.</summary>
    public const string SystemPromptLeakage = "LLM07:2025";

    /// <summary>LLM08:2025 Vector and Embedding Weaknesses.</summary>
    public const string VectorAndEmbeddingWeaknesses = "LLM08:2025";

    /// <summary>LLM09:2025 Misinformation.</summary>
    public const string Misinformation = "LLM09:2025";

    /// <summary>LLM10:2025 Unbounded Consumption.</summary>
    public const string UnboundedConsumption = "LLM10:2025";

    /// <summary>The title of an entry, e.g. <c>Prompt Injection</c> for <c>LLM01:2025</c>.</summary>
    public static string Title(string id) => id switch
    {
        PromptInjection => "Prompt Injection",
        SensitiveInformationDisclosure => "Sensitive Information Disclosure",
        SupplyChain => "Supply Chain",
        DataAndModelPoisoning => "Data and Model Poisoning",
        ImproperOutputHandling => "Improper Output Handling",
        ExcessiveAgency => "Excessive Agency",
        SystemPromptLeakage => "System Prompt Leakage",
        VectorAndEmbeddingWeaknesses => "Vector and Embedding Weaknesses",
        Misinformation => "Misinformation",
        UnboundedConsumption => "Unbounded Consumption",
        _ => id,
    };
}
