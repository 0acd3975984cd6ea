using System.Text.RegularExpressions;
using LlmSecOps.Lint.Diagnostics;
using LlmSecOps.Lint.Text;

namespace LlmSecOps.Lint.Engine;

/// <summary>
/// Inline suppressions: <c>llmsecops-ignore LLM002: reason</c> right after a comment leader
/// (<c>#</c>, <c>//</c>, <c>/*</c>, <c>&lt;!--</c>, <c>{#</c>, <c>--</c>, <c>;</c>) on the line of a finding or on the line above it (a comment-only line applies to the next line that has
/// content), and <c>llmsecops-ignore-file LLM022: reason</c> for the whole file. A suppression
/// without a reason, or naming no known rule, does not take effect and is reported (LLM090); one
/// that matches nothing is reported too (LLM091).
/// </summary>
internal static partial class Suppressions
{
    private sealed record Entry(int Line, int Column, int Length, string[] Rules, string? Reason, bool File, int TargetLine)
    {
        public bool Used { get; set; }
    }

    public static List<(string RuleId, int Start, int End, string Message, string Key)> Apply(SourceText source, List<LintFinding> findings, Func<string, bool> isEnabled, IReadOnlyList<(int Start, int End)>? comments = null)
    {
        var problems = new List<(string, int, int, string, string)>();
        var text = source.Text;
        if (!text.Contains("llmsecops-ignore", StringComparison.Ordinal))
        {
            return problems;
        }

        var entries = new List<Entry>();
        foreach (Match m in MarkerRegex().Matches(text))
        {
            // In source code only comments suppress; the marker inside a string is just text.
            if (comments is not null && !comments.Any(c => m.Index >= c.Start && m.Index < c.End))
            {
                continue;
            }

            var (line, col) = source.GetLineColumn(m.Index);
            var isFile = m.Groups["file"].Success && m.Groups["file"].Length > 0;
            var rules = m.Groups["rules"].Success
                ? m.Groups["rules"].Value.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries).Select(static r => r.ToUpperInvariant()).ToArray()
                : [];
            var reason = m.Groups["reason"].Success ? m.Groups["reason"].Value.Trim() : null;
            var lineText = source.GetLine(line);
            var before = lineText[..Math.Min(lineText.Length, col - 1)];
            var commentOnly = CommentLeaderRegex().IsMatch(before);
            var target = commentOnly ? NextContentLine(source, line) : line;
            var entry = new Entry(line, col, m.Length, rules, string.IsNullOrWhiteSpace(reason) ? null : reason, isFile, target);
            var unknown = rules.Where(r => RuleCatalog.Find(r) is null).ToList();
            if (rules.Length == 0)
            {
                problems.Add((RuleIds.SuppressionWithoutReason, m.Index, m.Index + m.Length, "suppression names no rule; write 'llmsecops-ignore LLM002: reason'", "norule"));
                continue;
            }

            if (unknown.Count > 0)
            {
                problems.Add((RuleIds.SuppressionWithoutReason, m.Index, m.Index + m.Length, $"suppression names unknown rule {string.Join(", ", unknown)}", "unknown"));
                continue;
            }

            if (entry.Reason is null)
            {
                problems.Add((RuleIds.SuppressionWithoutReason, m.Index, m.Index + m.Length, $"suppression of {string.Join(", ", rules)} gives no reason and is not applied; add ': <reason>'", "noreason"));
                continue;
            }

            entries.Add(entry);
        }

        for (var i = 0; i < findings.Count; i++)
        {
            var f = findings[i];
            foreach (var e in entries)
            {
                if (!e.Rules.Contains(f.RuleId, StringComparer.Ordinal))
                {
                    continue;
                }

                if (e.File || f.Line == e.Line || f.Line == e.TargetLine)
                {
                    e.Used = true;
                    findings[i] = f with { Suppression = new LintSuppression(SuppressionKind.Inline, e.Reason!) };
                    break;
                }
            }
        }

        foreach (var e in entries)
        {
            if (!e.Used && e.Rules.All(isEnabled))
            {
                var start = source.LineStart(e.Line) + e.Column - 1;
                problems.Add((RuleIds.UnusedSuppression, start, start + e.Length, $"suppression of {string.Join(", ", e.Rules)} matches no finding", "unused"));
            }
        }

        return problems;
    }

    private static int NextContentLine(SourceText source, int line)
    {
        for (var l = line + 1; l <= source.LineCount && l <= line + 20; l++)
        {
            var t = source.GetLine(l);
            if (t.Trim().Length > 0 && !t.Contains("llmsecops-ignore", StringComparison.Ordinal))
            {
                return l;
            }
        }

        return line + 1;
    }

    [GeneratedRegex(@"(?<=(?:#|//|/\*|<!--|\{#|--|;)[ \t]*)llmsecops-ignore(?<file>-file)?(?:[ \t]+(?<rules>[A-Za-z]+\d+(?:[ \t]*,[ \t]*[A-Za-z]+\d+)*))?(?:[ \t]*:[ \t]*(?<reason>(?:(?!-->|\*/|#\}|%\}).)*))?", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex MarkerRegex();

    [GeneratedRegex(@"^\s*(?:#|//|/\*|<!--|\{#|\{%\s*comment|--|;|\*|')?\s*$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex CommentLeaderRegex();
}
