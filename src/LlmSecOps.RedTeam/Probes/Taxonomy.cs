using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace LlmSecOps.RedTeam.Probes;

/// <summary>
/// The OWASP Top 10 for LLM Applications (2025 edition) and the MITRE ATLAS techniques the
/// built-in probes use, with their titles, for reports and validation.
/// </summary>
public static partial class Taxonomy
{
    /// <summary>OWASP Top 10 for LLM Applications 2025: id → title.</summary>
    public static IReadOnlyDictionary<string, string> Owasp { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["LLM01:2025"] = "Prompt Injection",
        ["LLM02:2025"] = "Sensitive Information Disclosure",
        ["LLM03:2025"] = "Supply Chain",
        ["LLM04:2025"] = "Data and Model Poisoning",
        ["LLM05:2025"] = "Improper Output Handling",
        ["LLM06:2025"] = "Excessive Agency",
        ["LLM07:2025"] = "System Prompt Leakage",
        ["LLM08:2025"] = "Vector and Embedding Weaknesses",
        ["LLM09:2025"] = "Misinformation",
        ["LLM10:2025"] = "Unbounded Consumption",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>MITRE ATLAS techniques referenced by the built-in probes: id → name.</summary>
    public static IReadOnlyDictionary<string, string> Atlas { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["AML.T0024"] = "Exfiltration via AI Inference API",
        ["AML.T0043"] = "Craft Adversarial Data",
        ["AML.T0051"] = "LLM Prompt Injection",
        ["AML.T0051.000"] = "LLM Prompt Injection: Direct",
        ["AML.T0051.001"] = "LLM Prompt Injection: Indirect",
        ["AML.T0053"] = "AI Agent Tool Invocation",
        ["AML.T0054"] = "LLM Jailbreak",
        ["AML.T0056"] = "Extract LLM System Prompt",
        ["AML.T0057"] = "LLM Data Leakage",
        ["AML.T0060"] = "Publish Hallucinated Entities",
        ["AML.T0062"] = "Discover LLM Hallucinations",
        ["AML.T0068"] = "LLM Prompt Obfuscation",
        ["AML.T0077"] = "LLM Response Rendering",
        ["AML.T0086"] = "Exfiltration via AI Agent Tool Invocation",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Normalises an OWASP id (<c>LLM01</c>, <c>llm01:2025</c>) to <c>LLM01:2025</c>; null when it is not one.</summary>
    public static string? NormalizeOwasp(string id)
    {
        var m = OwaspRegex().Match(id.Trim());
        if (!m.Success)
        {
            return null;
        }

        var number = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        if (number is < 1 or > 10 || (m.Groups[2].Success && m.Groups[2].Value != "2025"))
        {
            return null;
        }

        return $"LLM{number:00}:2025";
    }

    /// <summary>Whether a string has the shape of an ATLAS technique id.</summary>
    public static bool IsAtlasId(string id) => AtlasRegex().IsMatch(id);

    /// <summary>"LLM01:2025 Prompt Injection" for an id, or the id when unknown.</summary>
    public static string DescribeOwasp(string id) => Owasp.TryGetValue(id, out var t) ? $"{id} {t}" : id;

    /// <summary>"AML.T0051 LLM Prompt Injection" for an id, or the id when unknown.</summary>
    public static string DescribeAtlas(string id) => Atlas.TryGetValue(id, out var t) ? $"{id} {t}" : id;

    [GeneratedRegex(@"^LLM(\d{1,2})(?::(\d{4}))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex OwaspRegex();

    [GeneratedRegex(@"^AML\.T\d{4}(\.\d{3})?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex AtlasRegex();
}
