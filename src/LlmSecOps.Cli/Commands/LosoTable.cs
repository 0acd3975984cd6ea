using System.Globalization;
using LlmSecOps.Guard.Classifier.Training;
using Spectre.Console;

namespace LlmSecOps.Cli.Commands;

/// <summary>Human-readable leave-one-source-out results.</summary>
internal static class LosoTable
{
    public static void Write(CliIo io, LosoReport report)
    {
        var console = EvalTable.CreateConsole(io);
        var table = new Table().AddColumns("held-out source", "rows", "attacks", "benign", "TPR", "FPR", "mean p");
        foreach (var r in report.Sources)
        {
            table.AddRow(
                Markup.Escape(r.Source + (r.Unseen ? " (never trained on)" : string.Empty)),
                r.Rows.ToString(CultureInfo.InvariantCulture),
                r.Attacks.ToString(CultureInfo.InvariantCulture),
                r.Benign.ToString(CultureInfo.InvariantCulture),
                EvalTable.Rate(r.Tpr),
                EvalTable.Rate(r.Fpr),
                r.MeanProbability.ToString("0.000", CultureInfo.InvariantCulture));
        }

        var p = report.Pooled;
        table.AddRow(
            "[bold]pooled held-out[/]",
            p.Rows.ToString(CultureInfo.InvariantCulture),
            (p.Tp + p.Fn).ToString(CultureInfo.InvariantCulture),
            (p.Fp + p.Tn).ToString(CultureInfo.InvariantCulture),
            EvalTable.Rate(p.Tpr),
            EvalTable.Rate(p.Fpr),
            "F1 " + EvalTable.Rate(p.F1));
        console.Write(table);
        EvalTable.WriteThresholds(console, report.PooledThresholds, "pooled held-out: TPR at fixed FPR");
    }
}
