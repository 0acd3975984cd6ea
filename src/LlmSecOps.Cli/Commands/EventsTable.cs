using System.Globalization;
using LlmSecOps.Core.Events;
using Spectre.Console;

namespace LlmSecOps.Cli.Commands;

/// <summary>Human-readable rendering of events.</summary>
internal static class EventsTable
{
    public static void Write(CliIo io, IReadOnlyList<LlmEvent> events, long total)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(io.Out),
            Ansi = io.OutputIsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = io.OutputIsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!io.OutputIsTerminal)
        {
            // Piped or captured output has no width to fit; wrapping every cell only hurts grep.
            console.Profile.Width = 240;
        }

        var table = new Table().AddColumns("time (UTC)", "source", "verdict", "categories", "principal", "where", "text");
        foreach (var e in events)
        {
            var principal = e.Principal is { } p ? p.UserId ?? p.ApiKeyId ?? p.ClientIp ?? p.Tenant ?? "-" : "-";
            table.AddRow(
                e.Timestamp.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                Markup.Escape(e.Source),
                Markup.Escape(e.Verdict.ToString().ToLowerInvariant()),
                Markup.Escape(string.Join(",", e.Categories) is { Length: > 0 } c ? c : "-"),
                Markup.Escape(principal),
                Markup.Escape(e.Route ?? e.Model ?? (e.Attributes?.GetValueOrDefault("file")) ?? "-"),
                Markup.Escape(Excerpt(e.Request ?? e.Response, 48)));
        }

        console.Write(table);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{events.Count} of {total} matching events, newest first"));
    }

    private static string Excerpt(string? text, int max)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "-";
        }

        var oneLine = text.ReplaceLineEndings(" ");
        return oneLine.Length <= max ? oneLine : oneLine[..max] + "…";
    }
}
