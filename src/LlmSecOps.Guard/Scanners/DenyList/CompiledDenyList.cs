using System.Text.RegularExpressions;
using LlmSecOps.Core.Policy;
using LlmSecOps.Guard.Scanners.Common;
using LlmSecOps.Guard.Text;

namespace LlmSecOps.Guard.Scanners.DenyList;

/// <summary>A policy's deny-list made ready to match: substrings normalised like the text, regexes compiled with a timeout.</summary>
internal sealed class CompiledDenyList
{
    private CompiledDenyList(string[] substrings, string[] originals, Regex[] regexes)
    {
        Substrings = substrings;
        SubstringSources = originals;
        Regexes = regexes;
    }

    /// <summary>Substrings passed through the same normaliser as the scanned text.</summary>
    public IReadOnlyList<string> Substrings { get; }

    /// <summary>The substrings as the policy wrote them, parallel to <see cref="Substrings"/>.</summary>
    public IReadOnlyList<string> SubstringSources { get; }

    /// <summary>The regexes, each with a match timeout.</summary>
    public IReadOnlyList<Regex> Regexes { get; }

    /// <summary>Whether there is nothing to match.</summary>
    public bool IsEmpty => Substrings.Count == 0 && Regexes.Count == 0;

    /// <summary>Compiles a deny-list; every invalid regex is reported in one <see cref="PolicyException"/>.</summary>
    public static CompiledDenyList Compile(DenyListPolicy deny)
    {
        ArgumentNullException.ThrowIfNull(deny);
        var substrings = new List<string>(deny.Substrings.Count);
        var originals = new List<string>(deny.Substrings.Count);
        foreach (var s in deny.Substrings)
        {
            if (string.IsNullOrEmpty(s))
            {
                continue;
            }

            var normalized = TextNormalizer.Normalize(s).Normalized;
            if (normalized.Length > 0)
            {
                substrings.Add(normalized);
                originals.Add(s);
            }
        }

        var regexes = new List<Regex>(deny.Regexes.Count);
        List<PolicyError>? errors = null;
        for (var i = 0; i < deny.Regexes.Count; i++)
        {
            try
            {
                regexes.Add(new Regex(deny.Regexes[i], RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(RegexLimits.PolicyMatchTimeoutMs)));
            }
            catch (ArgumentException ex)
            {
                (errors ??= []).Add(new PolicyError("policy", 0, 0, $"deny.regexes[{i}]: {ex.Message}"));
            }
        }

        if (errors is not null)
        {
            throw new PolicyException(errors);
        }

        return new CompiledDenyList([.. substrings], [.. originals], [.. regexes]);
    }
}
