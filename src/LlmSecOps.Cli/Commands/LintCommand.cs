using System.CommandLine;
using System.Globalization;
using System.Text;
using LlmSecOps.Guard;
using LlmSecOps.Lint.Config;
using LlmSecOps.Lint.Diagnostics;
using LlmSecOps.Lint.Engine;
using LlmSecOps.Lint.Replay;
using LlmSecOps.Lint.Reporting;

namespace LlmSecOps.Cli.Commands;

/// <summary><c>llmsecops lint</c>: static analysis of prompt templates, LLM configurations and LLM code.</summary>
internal static class LintCommand
{
    public static Command Create(CliIo io)
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Files or directories to lint (default: the current directory).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var format = new Option<string>("--format", "-f")
        {
            Description = "text, json or sarif (for --list-rules: text/table or json).",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "table", "json", "sarif");
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to this file instead of standard output." };
        var failLevel = new Option<string?>("--fail-level")
        {
            Description = "Exit 1 when findings at or above this severity exist: error (default), warning, note or none.",
        };
        failLevel.AcceptOnlyFromAmong("error", "warning", "note", "none");
        var config = new Option<string?>("--config", "-c") { Description = "Configuration file (default: .llmsecops.yaml found from the first path upwards)." };
        var schema = new Option<string[]>("--schema") { Description = "Prompt schema file(s), in addition to the configuration's schemas." };
        var baseline = new Option<string?>("--baseline") { Description = "Baseline file: findings listed in it are reported as suppressed and do not fail the run." };
        var writeBaseline = new Option<string?>("--write-baseline") { Description = "Write the current findings to a baseline file and exit 0." };
        var corpus = new Option<string?>("--bypass-corpus") { Description = "Bypass strings (JSONL, CSV or lines) to render into each untrusted variable and replay through the guard." };
        var policy = CommonOptions.Policy();
        policy.Description = "Guard policy used for the bypass replay (default: the built-in policy).";
        var listRules = new Option<bool>("--list-rules") { Description = "List the rules and exit." };
        var showSuppressed = new Option<bool>("--show-suppressed") { Description = "Also print suppressed findings in text output." };
        var maxFileSize = new Option<long?>("--max-file-size") { Description = "Skip files larger than this many bytes (default 1048576)." };
        var followSymlinks = new Option<bool>("--follow-symlinks") { Description = "Follow symbolic links to directories (loops are detected)." };
        var jobs = new Option<int?>("--jobs", "-j") { Description = "Files processed in parallel (default: processor count)." };

        var command = new Command("lint", "Lint prompt templates, chain/agent configurations and LLM code. Exit 0 clean, 1 findings at or above --fail-level, 2 bad usage.")
        {
            paths, format, output, failLevel, config, schema, baseline, writeBaseline, corpus, policy, listRules, showSuppressed, maxFileSize, followSymlinks, jobs,
        };

        command.SetAction(async (parse, ct) =>
        {
            var fmt = parse.GetValue(format)!;
            var targets = parse.GetValue(paths) ?? [];
            var lintConfig = LoadConfig(io, parse.GetValue(config), targets);
            if (parse.GetValue(maxFileSize) is { } max)
            {
                if (max <= 0)
                {
                    throw new UsageException("--max-file-size must be positive");
                }

                lintConfig = lintConfig with { MaxFileBytes = max };
            }

            if (parse.GetValue(followSymlinks))
            {
                lintConfig = lintConfig with { FollowSymlinks = true };
            }

            LintSeverity? fail = lintConfig.FailLevel;
            if (parse.GetValue(failLevel) is { } fl)
            {
                fail = LintConfigLoader.ParseFailLevel(fl)!.Value.Level;
            }

            if (parse.GetValue(listRules))
            {
                await WriteRulesAsync(io, fmt, lintConfig).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            if (fmt == "table")
            {
                fmt = "text";
            }

            var options = new LintOptions
            {
                Root = io.WorkingDirectory,
                Config = lintConfig,
                SchemaPaths = (parse.GetValue(schema) ?? []).Select(io.ResolvePath).ToArray(),
                Baseline = LoadBaseline(io, parse.GetValue(baseline)),
                BypassCorpus = LoadCorpus(io, parse.GetValue(corpus)),
                ReplayGuard = parse.GetValue(corpus) is null ? null : GuardEngine.Create(CommonOptions.LoadPolicy(io, parse.GetValue(policy))),
                MaxParallelism = parse.GetValue(jobs) is { } j ? (j < 1 ? throw new UsageException("--jobs must be at least 1") : j) : Environment.ProcessorCount,
            };

            foreach (var target in targets)
            {
                var full = io.ResolvePath(target);
                if (!File.Exists(full) && !Directory.Exists(full))
                {
                    throw new UsageException($"{target}: no such file or directory");
                }
            }

            var result = await new LintEngine(options).RunAsync(targets, ct).ConfigureAwait(false);

            if (parse.GetValue(writeBaseline) is { } baselinePath)
            {
                var path = io.ResolvePath(baselinePath);
                Baseline.Write(path, result.Findings);
                var count = result.Findings.Count(static f => f.Suppression is null or { Kind: SuppressionKind.Baseline });
                await io.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"wrote {count} finding{(count == 1 ? string.Empty : "s")} to {baselinePath}")).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            string report;
            if (fmt == "json")
            {
                report = JsonReporter.Write(result) + Environment.NewLine;
            }
            else if (fmt == "sarif")
            {
                report = SarifReporter.Write(result, io.WorkingDirectory, options.Baseline is not null) + Environment.NewLine;
            }
            else
            {
                var writer = new StringWriter(CultureInfo.InvariantCulture);
                TextReporter.Write(writer, result, color: io.OutputIsTerminal && parse.GetValue(output) is null, parse.GetValue(showSuppressed));
                report = writer.ToString();
            }

            if (parse.GetValue(output) is { } outPath)
            {
                var full = io.ResolvePath(outPath);
                var dir = Path.GetDirectoryName(full);
                if (dir is not null)
                {
                    Directory.CreateDirectory(dir);
                }

                await File.WriteAllTextAsync(full, report, new UTF8Encoding(false), ct).ConfigureAwait(false);
                await io.Out.WriteLineAsync(TextReporter.Summary(result)).ConfigureAwait(false);
            }
            else
            {
                await io.Out.WriteAsync(report).ConfigureAwait(false);
            }

            return result.Fails(fail) ? ExitCodes.Findings : ExitCodes.Ok;
        });
        return command;
    }

    private static LintConfig LoadConfig(CliIo io, string? explicitPath, string[] targets)
    {
        try
        {
            if (explicitPath is not null)
            {
                return LintConfigLoader.Load(io.ResolvePath(explicitPath));
            }

            var start = targets.Length > 0 ? io.ResolvePath(targets[0]) : io.WorkingDirectory;
            if (File.Exists(start))
            {
                start = Path.GetDirectoryName(start)!;
            }

            if (!Directory.Exists(start))
            {
                start = io.WorkingDirectory;
            }

            var found = LintConfigLoader.Find(start);
            return found is null ? LintConfig.Default with { BaseDirectory = io.WorkingDirectory } : LintConfigLoader.Load(found);
        }
        catch (LintConfigException ex)
        {
            throw new UsageException(string.Join(Environment.NewLine + "error: ", ex.Errors), ex);
        }
    }

    private static Baseline? LoadBaseline(CliIo io, string? path)
    {
        if (path is null)
        {
            return null;
        }

        try
        {
            return Baseline.Load(io.ResolvePath(path));
        }
        catch (InvalidDataException ex)
        {
            throw new UsageException(ex.Message, ex);
        }
    }

    private static BypassCorpus? LoadCorpus(CliIo io, string? path)
    {
        if (path is null)
        {
            return null;
        }

        try
        {
            return BypassCorpus.Load(io.ResolvePath(path));
        }
        catch (BypassCorpusException ex)
        {
            throw new UsageException(ex.Message, ex);
        }
    }

    private static async Task WriteRulesAsync(CliIo io, string format, LintConfig config)
    {
        if (format == "json")
        {
            await io.Out.WriteLineAsync(JsonReporter.WriteRules(RuleCatalog.All, config)).ConfigureAwait(false);
            return;
        }

        if (format == "sarif")
        {
            throw new UsageException("--list-rules supports --format text or json");
        }

        var rows = RuleCatalog.All.Select(r => new[]
        {
            r.Id,
            config.IsEnabled(r.Id) ? config.SeverityOf(r).ToString().ToLowerInvariant() : "off",
            r.Name,
            r.Owasp.Count == 0 ? "-" : string.Join(",", r.Owasp.Select(static o => o[..5])),
            r.Summary,
        }).ToList();
        var headers = new[] { "ID", "SEVERITY", "NAME", "OWASP", "SUMMARY" };
        var widths = Enumerable.Range(0, 4).Select(i => Math.Max(headers[i].Length, rows.Max(r => r[i].Length))).ToArray();
        var sb = new StringBuilder();
        void Row(string[] cells)
        {
            for (var i = 0; i < 4; i++)
            {
                sb.Append(cells[i].PadRight(widths[i])).Append("  ");
            }

            sb.Append(cells[4]).Append('\n');
        }

        Row(headers);
        foreach (var r in rows)
        {
            Row(r);
        }

        await io.Out.WriteAsync(sb.ToString()).ConfigureAwait(false);
    }
}
