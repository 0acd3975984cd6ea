using System.Text.RegularExpressions;
using LlmSecOps.Guard.Scanners.Common;

namespace LlmSecOps.Guard.Scanners.Exfiltration;

/// <summary>Where URLs start in a completion.</summary>
internal static partial class LinkPatterns
{
    private const RegexOptions Opts = RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture;

    /// <summary>Absolute URLs with a scheme browsers and renderers fetch.</summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9+.-])(?:https?|ftp|wss?)://[^\s<>""'`]{1,8192}", Opts, RegexLimits.BuiltInMatchTimeoutMs)]
    public static partial Regex AbsoluteUrl();

    /// <summary>Protocol-relative targets of markdown links/images and HTML src/href attributes.</summary>
    [GeneratedRegex(@"(?:\]\(\s*<?|(?:src|href)\s*=\s*[""']?)(?<u>//[^\s<>""'`)]{1,8192})", Opts, RegexLimits.BuiltInMatchTimeoutMs)]
    public static partial Regex RelativeTarget();
}
