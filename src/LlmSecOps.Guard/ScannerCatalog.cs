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
        var scanners = new List<Scanner>();

        // The classifier loads its weights here, once per process, so the first request does not pay for it.
        if (policy.ClassifierEnabled)
        {
            scanners.Add(new ClassifierScanner());
        }

        return scanners;
    }
}
