using LlmSecOps.Core.Policy;
using LlmSecOps.Guard.Scanners;

namespace LlmSecOps.Guard;

/// <summary>The built-in scanners, in the order the default pipeline runs them.</summary>
public static class ScannerCatalog
{
    /// <summary>Creates the default scanner set for a policy.</summary>
    public static IReadOnlyList<Scanner> CreateDefault(GuardPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return
        [
            new InvisibleTextScanner(),
            new PromptInjectionScanner(),
        ];
    }
}
