using LlmSecOps.Core.Policy;
using LlmSecOps.Guard.Scanners;
using LlmSecOps.Guard.Scanners.Canary;
using LlmSecOps.Guard.Scanners.DenyList;
using LlmSecOps.Guard.Scanners.Exfiltration;
using LlmSecOps.Guard.Scanners.Length;
using LlmSecOps.Guard.Scanners.Pii;
using LlmSecOps.Guard.Scanners.Refusal;
using LlmSecOps.Guard.Scanners.Secrets;
using LlmSecOps.Guard.Scanners.SystemPromptLeak;

namespace LlmSecOps.Guard;

/// <summary>The built-in scanners, in the order the default pipeline runs them.</summary>
public static class ScannerCatalog
{
    /// <summary>Creates the default scanner set for a policy.</summary>
    public static IReadOnlyList<Scanner> CreateDefault(GuardPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        Scanner[] scanners =
        [
            new LengthScanner(),
            new DenyListScanner(policy),
            new SecretsScanner(),
            new PiiScanner(policy),
            new CanaryScanner(),
            new SystemPromptLeakScanner(),
            new ExfiltrationLinkScanner(),
            new RefusalScanner(),
            new InvisibleTextScanner(),
            new PromptInjectionScanner(),
        ];

        // The classifier loads its weights here, once per process, so the first request does not pay for it.
        return policy.ClassifierEnabled ? [.. scanners, new ClassifierScanner()] : scanners;
    }
}
