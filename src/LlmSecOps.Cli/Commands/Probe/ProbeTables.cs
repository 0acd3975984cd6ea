using System.Globalization;
using LlmSecOps.RedTeam.Reporting;
using LlmSecOps.RedTeam.Running;
using Spectre.Console;

namespace LlmSecOps.Cli.Commands.Probe;

/// <summary>Human-readable output of the probe commands.</summary>
internal static class ProbeTables
{
    public static IAnsiConsole Console(CliIo io, TextWriter writer)
    {
        var terminal = io.OutputIsTerminal && ReferenceEquals(writer, io.Out);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!terminal)
        {
            // Logs and CI have no width to detect; the 80-column default folds ids and targets.
            console.Profile.Width = 160;
        }

        return console;
    }

    /// <summary>Totals, per family, and the probes that let attacks through.</summary>
    public static void WriteSummary(CliIo io, TextWriter writer, RunReport report)
    {
        var console = Console(io, writer);
        var t = report.Total;
        console.MarkupLine($"run [bold]{Markup.Escape(report.Run.Id)}[/] ({Markup.Escape(report.Run.Status)}) against {Markup.Escape(report.Run.Target)}");
        console.MarkupLine($"attack success rate [bold]{ProbeOptions.Rate(t.Asr)}[/]: {t.Successes} succeeded, {t.Failures} resisted, {t.Blocked} blocked, {t.Errors} errors of {t.Attempts} attempts");
        var table = new Table().AddColumns("family", "attempts", "succeeded", "blocked", "errors", "ASR");
        foreach (var r in report.ByFamily)
        {
            table.AddRow(Markup.Escape(r.Key), Int(r.Attempts), Int(r.Successes), Int(r.Blocked), Int(r.Errors), ProbeOptions.Rate(r.Asr));
        }

        console.Write(table);
        if (report.ByMutator.Count > 1)
        {
            var mt = new Table().AddColumns("mutator", "attempts", "succeeded", "blocked", "errors", "ASR");
            foreach (var r in report.ByMutator)
            {
                mt.AddRow(Markup.Escape(r.Key), Int(r.Attempts), Int(r.Successes), Int(r.Blocked), Int(r.Errors), ProbeOptions.Rate(r.Asr));
            }

            console.Write(mt);
        }

        var worst = report.ByProbe.Where(r => r.Successes > 0).OrderByDescending(r => r.Asr).ThenBy(r => r.Key, StringComparer.Ordinal).Take(10).ToList();
        if (worst.Count > 0)
        {
            console.MarkupLine("probes that got through:");
            foreach (var r in worst)
            {
                var evidence = report.Attempts.FirstOrDefault(a => a.ProbeId == r.Key && a.Outcome == AttemptOutcome.Success)?.Evidence ?? string.Empty;
                console.MarkupLine($"  {Markup.Escape(r.Key)} {ProbeOptions.Rate(r.Asr)} — {Markup.Escape(Clip(evidence, 100))}");
            }
        }
    }

    /// <summary>1 when a threshold is passed (or, with thresholds, when too many attempts errored); 0 otherwise.</summary>
    public static int ExitCode(CliIo io, TextWriter writer, RunReport report, FailOnPolicy failOn, double maxErrorRate)
    {
        if (!failOn.IsSet)
        {
            return ExitCodes.Ok;
        }

        var code = ExitCodes.Ok;
        foreach (var row in report.FailedThresholds)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"FAIL {row.Key}: attack success rate {row.Asr:0.###} is above {row.Threshold:0.###} ({row.Successes}/{row.Judged})"));
            code = ExitCodes.Findings;
        }

        var known = report.ByProbe.Select(r => r.Key).Concat(report.ByFamily.Select(r => r.Key)).ToHashSet(StringComparer.Ordinal);
        foreach (var key in failOn.ByKey.Keys.Where(k => !known.Contains(k)))
        {
            io.Error.WriteLine($"warning: --fail-on {key}: no probe or family of that name in this run");
        }

        var total = report.Total;
        if (total.Attempts > 0 && (double)total.Errors / total.Attempts > maxErrorRate)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"FAIL {total.Errors} of {total.Attempts} attempts errored (over --max-error-rate {maxErrorRate:0.##}); the target was not really tested"));
            code = ExitCodes.Findings;
        }

        return code;
    }

    private static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Clip(string s, int max) => s.Length <= max ? s.ReplaceLineEndings(" ") : s[..max].ReplaceLineEndings(" ") + "…";
}
