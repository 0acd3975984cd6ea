using System.Globalization;
using System.Text;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Guard;
using LlmSecOps.Lint.Checks;
using LlmSecOps.Lint.Diagnostics;
using LlmSecOps.Lint.Schema;
using LlmSecOps.Lint.Templates;
using LlmSecOps.Lint.Templates.Jinja;

namespace LlmSecOps.Lint.Replay;

/// <summary>
/// Renders every template with each bypass string in each untrusted variable (the other
/// variables get a neutral sample) and runs the guard engine on the result, input direction.
/// A template through which some bypass passes with an allow verdict is a finding (LLM010)
/// naming the first such bypass and how many passed.
/// </summary>
internal sealed class BypassReplayer(BypassCorpus corpus, GuardEngine engine)
{
    private const string NeutralValue = "sample";

    public async ValueTask RunAsync(CheckContext ctx, CancellationToken ct)
    {
        if (!ctx.Config.IsEnabled(RuleIds.BypassPassesGuard))
        {
            return;
        }

        foreach (var unit in ctx.Document.Units)
        {
            var schema = ctx.Schema.Find(unit.Id, ctx.Document.FullPath);
            foreach (var t in unit.Templates)
            {
                if (t.Kind != TemplateKind.Prompt || t.Role is "assistant" or "example" or "tool")
                {
                    continue;
                }

                var placeholders = t.Analysis.Placeholders;
                var names = placeholders
                    .Where(p => TrustClassifier.Classify(p, schema) != TrustLevel.Trusted)
                    .Select(static p => p.Name)
                    .Distinct(StringComparer.Ordinal)
                    .ToList();
                foreach (var name in names)
                {
                    var passed = 0;
                    string? example = null;
                    foreach (var bypass in corpus.Entries)
                    {
                        ct.ThrowIfCancellationRequested();
                        var text = Substitute(t, name, bypass);
                        var result = await engine.ScanAsync(new ScanRequest { Text = text, Direction = Direction.Input, Role = t.Role }, ct).ConfigureAwait(false);
                        if (result.Verdict == Verdict.Allow)
                        {
                            passed++;
                            example ??= bypass;
                        }
                    }

                    if (passed == 0)
                    {
                        continue;
                    }

                    var first = placeholders.First(p => p.Name == name);
                    var (s, e) = t.Origin.ToFile(first.Start, first.End);
                    var shown = Truncate(example!, 80);
                    ctx.Add(
                        RuleIds.BypassPassesGuard,
                        s,
                        e,
                        string.Create(CultureInfo.InvariantCulture, $"{passed} of {corpus.Entries.Count} bypass strings passed the guard unflagged through '{name}', e.g. \"{shown}\""),
                        name,
                        new Dictionary<string, string>(StringComparer.Ordinal)
                        {
                            ["variable"] = name,
                            ["passed"] = passed.ToString(CultureInfo.InvariantCulture),
                            ["total"] = corpus.Entries.Count.ToString(CultureInfo.InvariantCulture),
                            ["bypass"] = shown,
                        });
                }
            }
        }
    }

    /// <summary>The template text with <paramref name="name"/>'s placeholders replaced by <paramref name="value"/>, others by a neutral sample and Jinja tags removed.</summary>
    public static string Substitute(PromptTemplate t, string name, string value)
    {
        var edits = new List<(int Start, int End, string Text)>();
        foreach (var p in t.Analysis.Placeholders)
        {
            edits.Add((p.Start, p.End, p.Name == name ? value : NeutralValue));
        }

        if (t.Analysis.Jinja is { } jinja)
        {
            foreach (var site in jinja.Sites)
            {
                if (!site.IsOutput)
                {
                    edits.Add((site.Segment.Start, site.Segment.End, string.Empty));
                }
            }

            var comments = JinjaLexer.Segment(t.Text, []).Where(static s => s.Kind == JinjaSegmentKind.Comment);
            edits.AddRange(comments.Select(static c => (c.Start, c.End, string.Empty)));
        }

        edits.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        var sb = new StringBuilder(t.Text.Length + value.Length);
        var pos = 0;
        foreach (var (start, end, text) in edits)
        {
            if (start < pos)
            {
                continue;
            }

            sb.Append(t.Text, pos, start - pos).Append(text);
            pos = end;
        }

        sb.Append(t.Text, pos, t.Text.Length - pos);
        return sb.ToString();
    }

    private static string Truncate(string s, int max)
    {
        var flat = s.ReplaceLineEndings(" ");
        return flat.Length <= max ? flat : flat[..(max - 1)] + "…";
    }
}
