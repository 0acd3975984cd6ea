using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using LlmSecOps.Core.Serialization;
using LlmSecOps.RedTeam.Reporting;
using LlmSecOps.RedTeam.Running;
using LlmSecOps.RedTeam.Storage;
using Spectre.Console;

namespace LlmSecOps.Cli.Commands.Probe;

/// <summary><c>probe runs</c>, <c>probe show</c>, <c>probe compare</c>, <c>probe trend</c>: reading stored runs.</summary>
internal static class ProbeResultCommands
{
    public static Command CreateRuns(CliIo io)
    {
        var dataDir = CommonOptions.DataDir();
        var limit = new Option<int>("--limit", "-n") { Description = "Most runs to list (newest first).", DefaultValueFactory = _ => 20 };
        var format = new Option<string>("--format") { Description = "table or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("runs", "List stored runs with their attack success rates.") { dataDir, limit, format };
        command.SetAction(parse =>
        {
            var store = ProbeCommand.OpenStore(io, parse.GetValue(dataDir));
            var runs = store.ListRuns(Math.Clamp(parse.GetValue(limit), 1, 10_000));
            if (parse.GetValue(format) == "json")
            {
                var rows = runs.Select(r => new RunRow(r.Id, r.Kind, r.Status, r.Target, r.Model, r.StartedAt, r.FinishedAt, r.Seed, r.Planned, r.Attempts, r.Successes, r.Failures, r.Blocked, r.Errors, Math.Round(r.Asr, 4)));
                io.Out.WriteLine(JsonSerializer.Serialize(rows, JsonDefaults.Indented));
                return ExitCodes.Ok;
            }

            var console = ProbeTables.Console(io, io.Out);
            if (runs.Count == 0)
            {
                console.MarkupLine("no runs stored in " + Markup.Escape(store.Database.Path));
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("run", "kind", "status", "started (UTC)", "target", "attempts", "succeeded", "blocked", "errors", "ASR");
            foreach (var r in runs)
            {
                table.AddRow(
                    Markup.Escape(r.Id), r.Kind, r.Status, r.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    Markup.Escape(Clip(r.Target, 50)), $"{r.Attempts}/{r.Planned}", Int(r.Successes), Int(r.Blocked), Int(r.Errors), ProbeOptions.Rate(r.Asr));
            }

            console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command CreateShow(CliIo io)
    {
        var runId = new Argument<string>("run-id") { Description = "The run to show." };
        var dataDir = CommonOptions.DataDir();
        var format = new Option<string?>("--format") { Description = "Report format(s): json, jsonl, junit, sarif, html (default: a summary table)." };
        var output = new Option<string[]>("--output", "-o") { Description = "Report file(s).", Arity = ArgumentArity.ZeroOrMore };
        var failOn = new Option<string?>("--fail-on") { Description = "Thresholds, as for probe run (exit 1 when passed)." };
        var maxErrorRate = new Option<double>("--max-error-rate") { Description = "With --fail-on: exit 1 when more than this share of attempts errored.", DefaultValueFactory = _ => 0.5 };
        var command = new Command("show", "Show a stored run, or write its reports.") { runId, dataDir, format, output, failOn, maxErrorRate };
        command.SetAction(parse =>
        {
            var store = ProbeCommand.OpenStore(io, parse.GetValue(dataDir));
            var policy = FailOnPolicy.Parse(parse.GetValue(failOn), out var error) ?? throw new UsageException(error!);
            var id = parse.GetValue(runId)!;
            if (store.GetRun(id) is null)
            {
                throw new UsageException($"no run '{id}' in {store.Database.Path}");
            }

            var report = ProbeSession.Report(store, id, policy);
            var (formats, errors) = ReportFormats.Parse(parse.GetValue(format));
            if (errors.Count > 0)
            {
                throw new UsageException(errors[0]);
            }

            var outputs = parse.GetValue(output) ?? [];
            if (outputs.Length > 0 && formats.Count == 0)
            {
                throw new UsageException("--output needs --format");
            }

            if (formats.Count > 1 && outputs.Length == 0)
            {
                throw new UsageException("several --format values need --output");
            }

            var status = formats.Count > 0 && outputs.Length == 0 ? io.Error : io.Out;
            if (formats.Count > 0)
            {
                ProbeCommand.WriteReports(io, report, formats, outputs);
            }

            ProbeTables.WriteSummary(io, status, report);
            return ProbeTables.ExitCode(io, status, report, policy, parse.GetValue(maxErrorRate));
        });
        return command;
    }

    public static Command CreateCompare(CliIo io)
    {
        var a = new Argument<string>("baseline") { Description = "Run A (the baseline)." };
        var b = new Argument<string>("candidate") { Description = "Run B (compared with A)." };
        var dataDir = CommonOptions.DataDir();
        var tolerance = new Option<double>("--tolerance") { Description = "ASR increase still counted as level (e.g. 0.05).", DefaultValueFactory = _ => 0 };
        var failOnRegression = new Option<bool>("--fail-on-regression") { Description = "Exit 1 when B's ASR is higher than A's for any probe, family or mutator." };
        var format = new Option<string>("--format") { Description = "table or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("compare", "Compare the attack success rates of two runs; regressions are highlighted.") { a, b, dataDir, tolerance, failOnRegression, format };
        command.SetAction(parse =>
        {
            var store = ProbeCommand.OpenStore(io, parse.GetValue(dataDir));
            var tol = parse.GetValue(tolerance);
            if (tol is < 0 or > 1)
            {
                throw new UsageException("--tolerance must be from 0 to 1");
            }

            var ids = new[] { parse.GetValue(a)!, parse.GetValue(b)! };
            foreach (var id in ids)
            {
                if (store.GetRun(id) is null)
                {
                    throw new UsageException($"no run '{id}' in {store.Database.Path}");
                }
            }

            var comparison = RunComparison.Create(ProbeSession.Report(store, ids[0], FailOnPolicy.None), ProbeSession.Report(store, ids[1], FailOnPolicy.None), tol);
            if (parse.GetValue(format) == "json")
            {
                var doc = new CompareDocument(
                    ids[0],
                    ids[1],
                    tol,
                    comparison.HasRegression,
                    Row(comparison.Total),
                    comparison.ByProbe.Select(Row).ToList(),
                    comparison.ByFamily.Select(Row).ToList(),
                    comparison.ByMutator.Select(Row).ToList());
                io.Out.WriteLine(JsonSerializer.Serialize(doc, JsonDefaults.Indented));
            }
            else
            {
                WriteComparison(io, comparison);
            }

            return parse.GetValue(failOnRegression) && comparison.HasRegression ? ExitCodes.Findings : ExitCodes.Ok;
        });
        return command;
    }

    public static Command CreateTrend(CliIo io)
    {
        var by = new Option<string>("--by") { Description = "probe, family, mutator or target.", DefaultValueFactory = _ => "family" };
        by.AcceptOnlyFromAmong("probe", "family", "mutator", "target");
        var value = new Option<string?>("--value") { Description = "Only this probe/family/mutator/target." };
        var limit = new Option<int>("--limit", "-n") { Description = "Most rows.", DefaultValueFactory = _ => 100 };
        var dataDir = CommonOptions.DataDir();
        var format = new Option<string>("--format") { Description = "table or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("trend", "Attack success rate over time, per run, for a probe, family, mutator or target.") { by, value, limit, dataDir, format };
        command.SetAction(parse =>
        {
            var store = ProbeCommand.OpenStore(io, parse.GetValue(dataDir));
            var points = store.Trend(parse.GetValue(by)!, parse.GetValue(value), Math.Clamp(parse.GetValue(limit), 1, 100_000));
            if (parse.GetValue(format) == "json")
            {
                io.Out.WriteLine(JsonSerializer.Serialize(points.Select(p => new { p.RunId, p.StartedAt, p.Key, p.Successes, p.Judged, p.Attempts, Asr = Math.Round(p.Asr, 4) }), JsonDefaults.Indented));
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("run", "started (UTC)", parse.GetValue(by)!, "attempts", "succeeded", "ASR");
            foreach (var p in points)
            {
                table.AddRow(Markup.Escape(p.RunId), p.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), Markup.Escape(p.Key), Int(p.Attempts), Int(p.Successes), ProbeOptions.Rate(p.Asr));
            }

            ProbeTables.Console(io, io.Out).Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteComparison(CliIo io, RunComparison c)
    {
        var console = ProbeTables.Console(io, io.Out);
        console.MarkupLine($"A = {Markup.Escape(c.A.Run.Id)} ({Markup.Escape(c.A.Run.Target)})");
        console.MarkupLine($"B = {Markup.Escape(c.B.Run.Id)} ({Markup.Escape(c.B.Run.Target)})");
        foreach (var (title, rows) in new[] { ("total", (IReadOnlyList<ComparisonRow>)[c.Total]), ("family", c.ByFamily), ("mutator", c.ByMutator), ("probe", c.ByProbe) })
        {
            var table = new Table().AddColumns(title, "ASR A", "ASR B", "Δ", "attempts A", "attempts B", "");
            foreach (var r in rows)
            {
                var mark = r.Status switch
                {
                    ComparisonStatus.Regressed => "[red bold]REGRESSED[/]",
                    ComparisonStatus.Improved => "[green]improved[/]",
                    ComparisonStatus.New => "new",
                    ComparisonStatus.Missing => "missing",
                    ComparisonStatus.Unjudged => "[yellow]unjudged[/]",
                    _ => string.Empty,
                };
                table.AddRow(
                    Markup.Escape(r.Key),
                    r.A is null ? "-" : ProbeOptions.Rate(r.A.Asr),
                    r.B is null ? "-" : ProbeOptions.Rate(r.B.Asr),
                    r.Delta is { } d ? (d > 0 ? "+" : string.Empty) + ProbeOptions.Rate(d) : "-",
                    r.A is null ? "-" : Int(r.A.Attempts),
                    r.B is null ? "-" : Int(r.B.Attempts),
                    mark);
            }

            console.Write(table);
        }

        console.MarkupLine(c.HasRegression ? "[red bold]regressions found[/]" : "no regressions");
    }

    private static CompareRow Row(ComparisonRow r) => new(
        r.Key,
        r.Family,
        r.A?.Asr,
        r.B?.Asr,
        r.Delta,
        r.A?.Attempts,
        r.B?.Attempts,
        r.Status.ToString().ToLowerInvariant());

    private static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..max] + "…";

    private sealed record RunRow(string Id, string Kind, string Status, string Target, string? Model, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, int Seed, int Planned, int Attempts, int Successes, int Failures, int Blocked, int Errors, double Asr);

    private sealed record CompareRow(string Key, string? Family, double? AsrA, double? AsrB, double? Delta, int? AttemptsA, int? AttemptsB, string Status);

    private sealed record CompareDocument(string A, string B, double Tolerance, bool Regression, CompareRow Total, IReadOnlyList<CompareRow> Probes, IReadOnlyList<CompareRow> Families, IReadOnlyList<CompareRow> Mutators);
}
