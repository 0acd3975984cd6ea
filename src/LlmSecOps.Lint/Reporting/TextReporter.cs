using System.Globalization;
using System.Text;
using LlmSecOps.Lint.Diagnostics;
using LlmSecOps.Lint.Engine;

namespace LlmSecOps.Lint.Reporting;

/// <summary>
/// Human output in the compiler convention editors and CI logs link up:
/// <c>path:line:col: severity RULE message</c>, then the source line and a caret under the span.
/// </summary>
internal static class TextReporter
{
    private const int MaxSnippet = 200;

    public static void Write(TextWriter output, LintResult result, bool color, bool showSuppressed = false)
    {
        var sb = new StringBuilder();
        foreach (var f in result.Findings)
        {
            if (f.Suppression is not null && !showSuppressed)
            {
                continue;
            }

            var sev = Severity(f.Severity);
            sb.Append(f.Path).Append(':').Append(f.Line.ToString(CultureInfo.InvariantCulture)).Append(':').Append(f.Column.ToString(CultureInfo.InvariantCulture)).Append(": ")
                .Append(color ? Paint(f.Severity, sev) : sev).Append(' ').Append(f.RuleId).Append(' ').Append(f.Message);
            if (f.Suppression is { } s)
            {
                sb.Append(" [suppressed: ").Append(s.Justification).Append(']');
            }

            sb.Append('\n');
            AppendSnippet(sb, f);
        }

        foreach (var n in result.Notices)
        {
            sb.Append(n.Path).Append(": note: ").Append(n.Message).Append('\n');
        }

        sb.Append(Summary(result)).Append('\n');
        output.Write(sb.ToString());
    }

    public static string Summary(LintResult result)
    {
        var active = result.Active.ToList();
        var errors = active.Count(static f => f.Severity == LintSeverity.Error);
        var warnings = active.Count(static f => f.Severity == LintSeverity.Warning);
        var notes = active.Count(static f => f.Severity == LintSeverity.Note);
        var inline = result.Findings.Count(static f => f.Suppression?.Kind == SuppressionKind.Inline);
        var baseline = result.Findings.Count(static f => f.Suppression?.Kind == SuppressionKind.Baseline);
        var parts = new List<string>();
        if (inline > 0)
        {
            parts.Add($"{inline} suppressed inline");
        }

        if (baseline > 0)
        {
            parts.Add($"{baseline} in baseline");
        }

        if (result.Notices.Count > 0)
        {
            parts.Add($"{result.Notices.Count} skipped");
        }

        var extra = parts.Count > 0 ? " (" + string.Join(", ", parts) + ")" : string.Empty;
        var counts = active.Count == 0
            ? "no findings"
            : $"{Plural(errors, "error")}, {Plural(warnings, "warning")}, {Plural(notes, "note")}";
        return string.Create(CultureInfo.InvariantCulture, $"{counts} in {Plural(result.FilesScanned, "file")}{extra}, {result.Elapsed.TotalSeconds:0.00} s");
    }

    private static string Plural(int n, string word) => string.Create(CultureInfo.InvariantCulture, $"{n} {word}{(n == 1 ? string.Empty : "s")}");

    private static void AppendSnippet(StringBuilder sb, LintFinding f)
    {
        var line = f.Snippet;
        if (line.Length == 0 && f.Column <= 1)
        {
            return;
        }

        var col = Math.Max(1, f.Column);
        var width = f.EndLine == f.Line ? Math.Max(1, f.EndColumn - f.Column) : Math.Max(1, line.Length - col + 1);
        var offset = 0;
        if (line.Length > MaxSnippet)
        {
            // Show a window around the column.
            offset = Math.Clamp(col - 1 - (MaxSnippet / 2), 0, Math.Max(0, line.Length - MaxSnippet));
            line = line.Substring(offset, Math.Min(MaxSnippet, line.Length - offset));
        }

        var gutter = f.Line.ToString(CultureInfo.InvariantCulture);
        var display = Visible(line);
        sb.Append("  ").Append(gutter).Append(" | ").Append(display).Append('\n');
        sb.Append("  ").Append(' ', gutter.Length).Append(" | ");
        var caretAt = Math.Clamp(col - 1 - offset, 0, line.Length);
        for (var i = 0; i < caretAt; i++)
        {
            sb.Append(line[i] == '\t' ? '\t' : ' ');
        }

        width = Math.Clamp(width, 1, Math.Max(1, line.Length - caretAt));
        sb.Append('^');
        if (width > 1)
        {
            sb.Append('~', width - 1);
        }

        sb.Append('\n');
    }

    /// <summary>Shows invisible characters as their escapes, so the snippet shows what the finding is about.</summary>
    private static string Visible(string line)
    {
        var sb = new StringBuilder(line.Length);
        foreach (var c in line)
        {
            if (c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F')
            {
                sb.Append('\u00B7');
            }
            else if (char.IsControl(c) && c != '\t')
            {
                sb.Append(' ');
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static string Severity(LintSeverity s) => s switch
    {
        LintSeverity.Error => "error",
        LintSeverity.Warning => "warning",
        _ => "note",
    };

    private static string Paint(LintSeverity s, string text) => s switch
    {
        LintSeverity.Error => "\u001b[1;31m" + text + "\u001b[0m",
        LintSeverity.Warning => "\u001b[1;33m" + text + "\u001b[0m",
        _ => "\u001b[1;36m" + text + "\u001b[0m",
    };
}
