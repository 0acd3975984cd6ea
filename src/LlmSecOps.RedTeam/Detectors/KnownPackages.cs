using System.Collections.Frozen;
using System.Text.RegularExpressions;
using LlmSecOps.RedTeam.Resources;

namespace LlmSecOps.RedTeam.Detectors;

/// <summary>The known-package lists shipped with the product, normalised per ecosystem.</summary>
internal static partial class KnownPackages
{
    private static readonly Lazy<FrozenSet<string>> PyPiSet = new(() =>
        EmbeddedText.Lines("LlmSecOps.RedTeam.Resources.known-packages-pypi.txt")
            .Concat(EmbeddedText.Lines("LlmSecOps.RedTeam.Resources.python-stdlib.txt"))
            .Select(NormalizePyPi)
            .ToFrozenSet(StringComparer.Ordinal));

    private static readonly Lazy<FrozenSet<string>> NpmSet = new(() =>
        EmbeddedText.Lines("LlmSecOps.RedTeam.Resources.known-packages-npm.txt")
            .Select(n => n.ToLowerInvariant())
            .ToFrozenSet(StringComparer.Ordinal));

    public static FrozenSet<string> PyPi => PyPiSet.Value;

    public static FrozenSet<string> Npm => NpmSet.Value;

    /// <summary>PEP 503 normalisation: lower case, runs of <c>-_.</c> become one dash.</summary>
    public static string NormalizePyPi(string name) => PyPiSeparators().Replace(name.Trim().ToLowerInvariant(), "-");

    [GeneratedRegex(@"[-_.]+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex PyPiSeparators();
}
