using System.CommandLine;
using LlmSecOps.Cli.Commands.Probe;
using LlmSecOps.RedTeam.Configuration;
using LlmSecOps.RedTeam.Reporting;
using LlmSecOps.RedTeam.Running;
using LlmSecOps.RedTeam.Storage;
using Spectre.Console;

namespace LlmSecOps.Cli.Commands;

/// <summary>
/// <c>llmsecops probe</c>: red-team runs against a model endpoint (<c>run</c>), corpus replay
/// (<c>replay</c>), and the stored results (<c>runs</c>, <c>show</c>, <c>compare</c>, <c>trend</c>),
/// plus <c>list</c> and <c>validate</c> for probe files.
/// </summary>
internal static class ProbeCommand
{
    public static Command Create(CliIo io)
    {
        var probe = new Command("probe", "Red-team a model endpoint: probes × mutators, judged by detectors; results kept over time.");
        probe.Subcommands.Add(CreateRun(io));
        probe.Subcommands.Add(CreateReplay(io));
        probe.Subcommands.Add(ProbeResultCommands.CreateRuns(io));
        probe.Subcommands.Add(ProbeResultCommands.CreateShow(io));
        probe.Subcommands.Add(ProbeResultCommands.CreateCompare(io));
        probe.Subcommands.Add(ProbeResultCommands.CreateTrend(io));
        probe.Subcommands.Add(ProbeCatalogCommands.CreateList(io));
        probe.Subcommands.Add(ProbeCatalogCommands.CreateValidate(io));
        return probe;
    }

    private static Command CreateRun(CliIo io)
    {
        var options = new ProbeOptions();
        var probes = new Option<string[]>("--probes", "-p")
        {
            Description = "Probe YAML files or directories to add, and/or probe ids to select (glob with *); repeatable, comma-separated.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var families = new Option<string[]>("--families", "-f") { Description = "Families to run (comma-separated).", Arity = ArgumentArity.ZeroOrMore };
        var mutators = new Option<string>("--mutators", "-m")
        {
            Description = "Mutator chains, comma-separated; '+' composes (base64+rot13); 'all' = none plus each mutator.",
            DefaultValueFactory = _ => "none",
        };
        var behaviors = new Option<string?>("--behaviors") { Description = "Behaviour list for harmful-intent probes (text: one per line; or JSONL). Default: harmless placeholders." };
        var noBuiltin = new Option<bool>("--no-builtin") { Description = "Do not load the built-in probes." };
        var command = new Command("run", "Run probes against a target. Exit 0, 1 when a --fail-on threshold is passed, 2 on bad usage, 130 when interrupted (resumable).");
        options.AddTo(command);
        command.Options.Add(probes);
        command.Options.Add(families);
        command.Options.Add(mutators);
        command.Options.Add(behaviors);
        command.Options.Add(noBuiltin);
        command.SetAction((parse, ct) =>
        {
            var config = options.ToConfig(parse, io, "probe");
            var paths = new List<string>();
            var patterns = new List<string>();
            foreach (var value in ProbeOptions.Split(parse.GetValue(probes)))
            {
                var path = io.ResolvePath(value);
                if (File.Exists(path) || Directory.Exists(path))
                {
                    paths.Add(path);
                }
                else if (value.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || value.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || value.Contains('/', StringComparison.Ordinal))
                {
                    throw new UsageException($"--probes: {value}: no such file or directory");
                }
                else
                {
                    patterns.Add(value);
                }
            }

            var behaviorsPath = parse.GetValue(behaviors);
            config = config with
            {
                ProbePaths = paths,
                ProbePatterns = patterns,
                Families = ProbeOptions.Split(parse.GetValue(families)),
                BuiltIn = !parse.GetValue(noBuiltin),
                Mutators = parse.GetValue(mutators) ?? "none",
                Behaviors = behaviorsPath is null ? null : io.ResolvePath(behaviorsPath),
            };
            return ExecuteAsync(io, parse, options, config, ct);
        });
        return command;
    }

    private static Command CreateReplay(CliIo io)
    {
        var options = new ProbeOptions();
        var corpus = new Option<string>("--corpus") { Description = "Corpus to replay: JSONL (text/prompt field), CSV with a header, or a red-team session log (JSONL).", Required = true };
        var detectors = new Option<string?>("--detectors") { Description = "Detectors judging each reply (comma-separated; default: no_refusal,canary,system_prompt,exfil_link)." };
        var mutators = new Option<string>("--mutators", "-m") { Description = "Mutator chains applied to each entry (default none).", DefaultValueFactory = _ => "none" };
        var command = new Command("replay", "Replay a jailbreak/injection corpus or a session log against a target and score it like a probe run.");
        options.AddTo(command);
        command.Options.Add(corpus);
        command.Options.Add(detectors);
        command.Options.Add(mutators);
        command.SetAction((parse, ct) =>
        {
            var config = options.ToConfig(parse, io, "replay") with
            {
                Corpus = io.ResolvePath(parse.GetValue(corpus)!),
                Detectors = ProbeOptions.Split(parse.GetValue(detectors) is { } d ? [d] : []),
                Mutators = parse.GetValue(mutators) ?? "none",
                BuiltIn = false,
            };
            return ExecuteAsync(io, parse, options, config, ct);
        });
        return command;
    }

    private static async Task<int> ExecuteAsync(CliIo io, ParseResult parse, ProbeOptions options, RunConfig config, CancellationToken ct)
    {
        var (formats, formatErrors) = ReportFormats.Parse(parse.GetValue(options.Format));
        if (formatErrors.Count > 0)
        {
            throw new UsageException(formatErrors[0]);
        }

        var failOn = FailOnPolicy.Parse(parse.GetValue(options.FailOn), out var failOnError) ?? throw new UsageException(failOnError!);
        var outputs = parse.GetValue(options.Output) ?? [];
        if (outputs.Length > 0 && formats.Count == 0)
        {
            throw new UsageException("--output needs --format");
        }

        var maxErrorRate = parse.GetValue(options.MaxErrorRate);
        if (maxErrorRate is < 0 or > 1)
        {
            throw new UsageException("--max-error-rate must be from 0 to 1");
        }

        var reportToStdout = formats.Count > 0 && outputs.Length == 0;
        if (reportToStdout && formats.Count > 1)
        {
            throw new UsageException("several --format values need --output");
        }

        var store = OpenStore(io, parse.GetValue(options.DataDir));
        var status = reportToStdout ? io.Error : io.Out;
        SessionOutcome outcome;
        try
        {
            outcome = await RunWithProgressAsync(io, store, config, parse.GetValue(options.Resume), parse.GetValue(options.Quiet), reportToStdout, ct).ConfigureAwait(false);
        }
        catch (RedTeamFormatException ex)
        {
            foreach (var e in ex.Errors)
            {
                await io.Error.WriteLineAsync($"error: {e}").ConfigureAwait(false);
            }

            return ExitCodes.Usage;
        }
        catch (RunConfigException ex)
        {
            foreach (var e in ex.Errors)
            {
                await io.Error.WriteLineAsync($"error: {e}").ConfigureAwait(false);
            }

            return ExitCodes.Usage;
        }

        var report = ProbeSession.Report(store, outcome.RunId, failOn, outcome.Probes);
        if (formats.Count > 0)
        {
            WriteReports(io, report, formats, outputs);
        }

        ProbeTables.WriteSummary(io, status, report);
        if (outcome.Interrupted)
        {
            await status.WriteLineAsync($"run {outcome.RunId} interrupted after {report.Total.Attempts} of {outcome.Planned} attempts; continue with: llmsecops probe run --resume {outcome.RunId}").ConfigureAwait(false);
            return 130;
        }

        return ProbeTables.ExitCode(io, status, report, failOn, maxErrorRate);
    }

    private static async Task<SessionOutcome> RunWithProgressAsync(CliIo io, RedTeamStore store, RunConfig config, string? resume, bool quiet, bool reportToStdout, CancellationToken ct)
    {
        if (quiet)
        {
            return await ProbeSession.RunAsync(store, config, resume, io.GetEnvironmentVariable, null, TimeProvider.System, ct).ConfigureAwait(false);
        }

        if (io.OutputIsTerminal && !reportToStdout)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(io.Out),
                Ansi = AnsiSupport.Detect,
                ColorSystem = ColorSystemSupport.Detect,
                Interactive = InteractionSupport.Yes,
            });
            var observer = new SpectreProgress();
            return await SpectreProgress.RunAsync(console, observer, () => ProbeSession.RunAsync(store, config, resume, io.GetEnvironmentVariable, observer, TimeProvider.System, ct)).ConfigureAwait(false);
        }

        var plain = new PlainProgress(io.Error, TimeSpan.FromSeconds(2));
        var outcome = await ProbeSession.RunAsync(store, config, resume, io.GetEnvironmentVariable, plain, TimeProvider.System, ct).ConfigureAwait(false);
        plain.Finish(outcome.Counters);
        return outcome;
    }

    /// <summary>Opens the red-team store in the data directory.</summary>
    internal static RedTeamStore OpenStore(CliIo io, string? dataDir)
    {
        var dir = CommonOptions.ResolveDataDir(io, dataDir);
        try
        {
            return RedTeamStore.Open(dir);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            throw new UsageException($"cannot open the store in {dir}: {ex.Message}", ex);
        }
    }

    /// <summary>Writes the requested report formats to files or stdout.</summary>
    internal static void WriteReports(CliIo io, RunReport report, IReadOnlyList<ReportFormat> formats, IReadOnlyList<string> outputs)
    {
        if (outputs.Count == 0)
        {
            using var buffer = new MemoryStream();
            ReportFormats.Write(formats[0], report, buffer);
            io.Out.Write(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            io.Out.Flush();
            return;
        }

        IReadOnlyList<(ReportFormat Format, string Path)> destinations;
        try
        {
            destinations = ReportFormats.Destinations(formats, outputs.Select(io.ResolvePath).ToList());
        }
        catch (ArgumentException ex)
        {
            throw new UsageException("--output: " + ex.Message, ex);
        }

        foreach (var (format, path) in destinations)
        {
            var dir = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(dir))
            {
                Directory.CreateDirectory(dir);
            }

            // Write next to the target and rename, so a reader never sees half a report.
            var temp = path + ".tmp";
            using (var file = File.Create(temp))
            {
                ReportFormats.Write(format, report, file);
            }

            File.Move(temp, path, overwrite: true);
        }
    }
}
