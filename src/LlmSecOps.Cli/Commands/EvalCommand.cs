using System.CommandLine;
using System.Text.Json;
using LlmSecOps.Core.Serialization;
using LlmSecOps.Core.Policy;
using LlmSecOps.Guard;
using LlmSecOps.Guard.Classifier;
using LlmSecOps.Guard.Scanners;
using LlmSecOps.Guard.Evaluation;

namespace LlmSecOps.Cli.Commands;

/// <summary>
/// <c>llmsecops eval</c>: runs the input guard over labelled prompts and reports detection
/// quality (overall, per source file, per label), latency and TPR at fixed FPR.
/// </summary>
internal static class EvalCommand
{
    public static Command Create(CliIo io)
    {
        var data = new Option<string>("--data")
        {
            Description = "A labelled JSONL file or a folder of them; rows {\"text\",\"label\",\"source\"}, label benign|injection|jailbreak.",
            Required = true,
        };
        var policy = CommonOptions.Policy();
        var format = new Option<string>("--format") { Description = "table or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var parallel = new Option<bool>("--parallel")
        {
            Description = "Judge rows on every core; latency is then timed single-threaded on a sample of rows.",
        };
        var misses = new Option<string?>("--misses")
        {
            Description = "Write the misjudged rows (file, line, label, score, rules; no text) as JSONL to this file.",
        };

        var model = new Option<string?>("--model")
        {
            Description = "Classifier weights (.lsdm.gz) to evaluate instead of the built-in ones, e.g. a candidate from train-detector.",
        };

        var command = new Command("eval", "Measure the input guard on labelled prompts: TPR, FPR, precision, F1, µs per prompt.")
        {
            data, policy, format, parallel, misses, model,
        };

        command.SetAction(async (parse, ct) =>
        {
            var engine = CreateEngine(io, CommonOptions.LoadPolicy(io, parse.GetValue(policy)), parse.GetValue(model));
            IReadOnlyList<LabeledPrompt> rows;
            try
            {
                rows = LabeledPromptReader.Read(io.ResolvePath(parse.GetValue(data)!));
            }
            catch (LabeledDataException ex)
            {
                throw new UsageException(ex.Message, ex);
            }

            if (rows.Count == 0)
            {
                throw new UsageException($"{parse.GetValue(data)}: no rows");
            }

            var options = new EvalOptions { Parallel = parse.GetValue(parallel) };
            var outcomes = await GuardEvaluator.JudgeAsync(engine, rows, options, ct).ConfigureAwait(false);
            var report = GuardEvaluator.Summarise(rows, outcomes, options.FprTargets);
            if (parse.GetValue(misses) is { } missesPath)
            {
                await WriteMissesAsync(io.ResolvePath(missesPath), rows, outcomes, ct).ConfigureAwait(false);
            }

            if (parse.GetValue(format) == "json")
            {
                await io.Out.WriteLineAsync(JsonSerializer.Serialize(report, JsonDefaults.Indented)).ConfigureAwait(false);
            }
            else
            {
                EvalTable.Write(io, report);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static GuardEngine CreateEngine(CliIo io, GuardPolicy policy, string? modelPath)
    {
        if (modelPath is null)
        {
            return GuardEngine.Create(policy);
        }

        DetectorModel candidate;
        try
        {
            candidate = DetectorModelFormat.ReadFile(io.ResolvePath(modelPath));
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new UsageException($"{modelPath}: {ex.Message}", ex);
        }

        // The same pipeline as the default, with the candidate classifier in place of the built-in one.
        var scanners = ScannerCatalog.CreateDefault(policy with { ClassifierEnabled = false }).ToList();
        if (policy.ClassifierEnabled)
        {
            scanners.Add(new ClassifierScanner(candidate));
        }

        return new GuardEngine(policy, scanners);
    }

    private static async Task WriteMissesAsync(string path, IReadOnlyList<LabeledPrompt> rows, IReadOnlyList<EvalOutcome> outcomes, CancellationToken ct)
    {
        var writer = new StreamWriter(path, append: false);
        await using (writer.ConfigureAwait(false))
        {
            for (var i = 0; i < rows.Count; i++)
            {
                if (rows[i].IsAttack == outcomes[i].Detected)
                {
                    continue;
                }

                var line = JsonSerializer.Serialize(
                    new MissRecord(rows[i].File, rows[i].Line, GuardEvaluator.LabelName(rows[i].Label), outcomes[i].AttackScore, outcomes[i].Rules),
                    JsonDefaults.Options);
                await writer.WriteLineAsync(line.AsMemory(), ct).ConfigureAwait(false);
            }
        }
    }

    private sealed record MissRecord(string File, int Line, string Label, double Score, IReadOnlyList<string> Rules);
}
