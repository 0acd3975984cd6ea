using System.Security.Cryptography;
using System.Text;

namespace LlmSecOps.Lint.Engine;

/// <summary>
/// Fingerprints findings from what they are, not where they are: rule, file, the trimmed text of
/// the line, the finding's key (variable, tool, flag) and its occurrence number among identical
/// ones. Lines added above a finding do not change it; editing the line itself does.
/// </summary>
internal static class Fingerprint
{
    public static string Compute(string ruleId, string path, string lineText, string? key, int occurrence)
    {
        var normalized = string.Join(' ', lineText.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var input = $"{ruleId}\n{path}\n{normalized}\n{key}\n{occurrence}";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(input));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
