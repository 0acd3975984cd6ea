using System.Globalization;
using LlmSecOps.Guard.Evaluation;
using Spectre.Console;

namespace LlmSecOps.Cli.Commands;

/// <summary>Human-readable evaluation reports.</summary>
internal static class EvalTable
{
    public static void Write(CliIo io, EvalReport report)
    {
        var console = CreateConsole(io);
        console.MarkupLine($"positive = {Markup.Escape(report.Positive)}");
        var table = new Table().AddColumns("group", "rows", "TP", "FP", "TN", "FN", "TPR", "FPR", "precision", "F1", "µs/prompt");
        var overall = new DetectionMetrics { Tp = report.Tp, Fp = report.Fp, Tn = report.Tn, Fn = report.Fn, UsPerPrompt = report.UsPerPrompt };
        AddRow(table, "[bold]overall[/]", overall);
        foreach (var (source, m) in report.BySource)
        {
            AddRow(table, Markup.Escape(source), m);
        }

        foreach (var (label, m) in report.ByLabel)
        {
            AddRow(table, "label " + Markup.Escape(label), m);
        }

        console.Write(table);
        console.MarkupLine(string.Create(
            CultureInfo.InvariantCulture,
            $"latency over {report.TimedRows} prompts, one thread: mean {Micros(report.UsPerPrompt)} µs, p50 {Micros(report.UsP50)} µs, p99 {Micros(report.UsP99)} µs"));
        WriteThresholds(console, report.Thresholds, "TPR at fixed FPR (raw attack score, strictly above the threshold)");
    }

    public static void WriteThresholds(IAnsiConsole console, IReadOnlyList<ThresholdPoint> points, string title)
    {
        var table = new Table { Title = new TableTitle(Markup.Escape(title)) }.AddColumns("FPR target", "threshold", "TPR", "FPR");
        foreach (var p in points)
        {
            table.AddRow(
                p.FprTarget.ToString("0.0%", CultureInfo.InvariantCulture),
                p.Threshold.ToString("0.0000", CultureInfo.InvariantCulture),
                Rate(p.Tpr),
                Rate(p.Fpr));
        }

        console.Write(table);
    }

    public static IAnsiConsole CreateConsole(CliIo io)
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
            // Piped or captured output has no width to fit; wrapped file names cannot be read or grepped.
            console.Profile.Width = 200;
        }

        return console;
    }

    public static string Rate(double? x) => x is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "-";

    private static string Micros(double? x) => x is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) : "-";

    private static void AddRow(Table table, string name, DetectionMetrics m) => table.AddRow(
        name,
        m.Rows.ToString(CultureInfo.InvariantCulture),
        m.Tp.ToString(CultureInfo.InvariantCulture),
        m.Fp.ToString(CultureInfo.InvariantCulture),
        m.Tn.ToString(CultureInfo.InvariantCulture),
        m.Fn.ToString(CultureInfo.InvariantCulture),
        Rate(m.Tpr),
        Rate(m.Fpr),
        Rate(m.Precision),
        Rate(m.F1),
        Micros(m.UsPerPrompt));
}
