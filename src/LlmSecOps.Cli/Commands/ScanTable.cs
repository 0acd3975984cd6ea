using LlmSecOps.Core.Scanning;
using Spectre.Console;

namespace LlmSecOps.Cli.Commands;

/// <summary>Human-readable rendering of scan results.</summary>
internal static class ScanTable
{
    public static void Write(CliIo io, IReadOnlyList<ScanOutput> results)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(io.Out),
            Ansi = io.OutputIsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = io.OutputIsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });

        foreach (var r in results)
        {
            var header = r.Line is { } line ? $"line {line}: " : string.Empty;
            console.MarkupLine($"{header}verdict [bold]{Markup.Escape(r.Verdict.ToString().ToLowerInvariant())}[/] ({r.ElapsedUs:0.#} µs)");
            if (r.Findings.Count > 0)
            {
                var table = new Table().AddColumns("category", "rule", "score", "action", "span", "evidence");
                foreach (var f in r.Findings)
                {
                    table.AddRow(
                        Markup.Escape(f.Category),
                        Markup.Escape(f.Rule),
                        f.Score.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
                        Markup.Escape(f.Action.ToString().ToLowerInvariant()),
                        f.Span is { } s ? $"{s.Start}..{s.End}" : "-",
                        Markup.Escape(Truncate(f.Evidence ?? f.Message ?? string.Empty, 60)));
                }

                console.Write(table);
            }

            if (r.RedactedText is not null)
            {
                console.MarkupLine("redacted: " + Markup.Escape(Truncate(r.RedactedText, 400)));
            }
        }
    }

    private static string Truncate(string s, int max) =>
        s.Length <= max ? s.ReplaceLineEndings(" ") : s[..max].ReplaceLineEndings(" ") + "…";
}
