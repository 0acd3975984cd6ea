using System.Text.RegularExpressions;
using LlmSecOps.Guard.Scanners.Common;

namespace LlmSecOps.Guard.Scanners.Pii;

/// <summary>
/// Candidate shapes for personal data. The patterns are deliberately loose; the validators in
/// <see cref="PiiChecks"/> (checksums, ranges, context) decide.
/// </summary>
internal static partial class PiiPatterns
{
    private const RegexOptions Opts = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;
    private const int T = RegexLimits.BuiltInMatchTimeoutMs;

    // The domain part, starting at the '@' (a vectorised search); the scanner walks back over the
    // local part, which is cheaper than letting the engine try every word as a local part.
    [GeneratedRegex(@"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-])", Opts, T)]
    public static partial Regex Email();

    // 13–19 digits, optionally split by single spaces or dashes.
    [GeneratedRegex(@"(?<![0-9+-])[0-9](?:[ -]?[0-9]){12,18}(?![0-9]|-[0-9])", Opts, T)]
    public static partial Regex CardNumber();

    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])", Opts, T)]
    public static partial Regex Iban();

    [GeneratedRegex(@"(?<![0-9-])(?<a>[0-9]{3})(?<sep>[- ]?)(?<g>[0-9]{2})\k<sep>(?<s>[0-9]{4})(?![0-9]|-[0-9])", RegexOptions.CultureInvariant, T)]
    public static partial Regex UsSsn();

    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[A-D](?![A-Za-z0-9])", Opts, T)]
    public static partial Regex UkNino();

    [GeneratedRegex(@"(?<![0-9-])[0-9]{3}(?<sep>[ -])[0-9]{3}\k<sep>[0-9]{3}(?![0-9]|-[0-9])", RegexOptions.CultureInvariant, T)]
    public static partial Regex CaSin();

    [GeneratedRegex(@"(?<![A-Za-z0-9_.])(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(?![A-Za-z0-9_]|\.[0-9])", Opts, T)]
    public static partial Regex IPv4();

    [GeneratedRegex(@"(?<![A-Za-z0-9_:.])(?:[0-9A-Fa-f]{1,4}:|:){2,7}(?:[0-9A-Fa-f]{1,4}|:|(?:[0-9]{1,3}\.){3}[0-9]{1,3})(?:%[A-Za-z0-9]{1,16})?(?![A-Za-z0-9_:]|\.[0-9])", Opts, T)]
    public static partial Regex IPv6();

    // Digits with the separators phone numbers use, optionally after a plus; judged in code.
    [GeneratedRegex(@"(?<![A-Za-z0-9_+$€£¥#/.,:-])(?:\+[0-9]{7,15}|(?:\+[ ]?)?\(?[0-9]{1,12}\)?(?:[ .-]{1,2}\(?[0-9]{1,6}\)?){0,6})(?![A-Za-z0-9_%€$]|[.,:-][0-9])", Opts, T)]
    public static partial Regex PhoneCandidate();
}
