using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LlmSecOps.Core.Serialization;
using LlmSecOps.Guard.Classifier;
using LlmSecOps.Guard.Classifier.Training;
using LlmSecOps.Guard.Evaluation;

namespace LlmSecOps.Cli.Commands;

/// <summary>
/// <c>llmsecops train-detector</c>: trains the prompt-attack classifier from labelled JSONL and
/// writes its weights, or validates the training recipe leave-one-source-out.
/// </summary>
internal static class TrainDetectorCommand
{
    public static Command Create(CliIo io)
    {
        var data = new Option<string[]>("--data")
        {
            Description = "Labelled JSONL file(s) or folder(s) of them (rows {\"text\",\"label\",\"source\"}).",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var output = new Option<string?>("--output", "-o") { Description = "Where to write the weights (.lsdm.gz)." };
        var loso = new Option<bool>("--loso") { Description = "Report leave-one-source-out validation: train without each source file, score it." };
        var seed = new Option<int>("--seed") { Description = "Seed for every random choice.", DefaultValueFactory = _ => new TrainingOptions().Seed };
        var l2 = new Option<double>("--l2") { Description = "L2 regularisation strength.", DefaultValueFactory = _ => new TrainingOptions().L2 };
        var hashBits = new Option<int>("--hash-bits") { Description = "Hashed feature buckets are 2^bits (10-24).", DefaultValueFactory = _ => new FeatureSettings().HashBits };
        var targetFpr = new Option<double>("--target-fpr") { Description = "Out-of-fold false-positive rate allowed at the operating point.", DefaultValueFactory = _ => new TrainingOptions().TargetFpr };
        var sourcePower = new Option<double>("--source-power") { Description = "Weight of a source of n rows within its class is n^power (0..1).", DefaultValueFactory = _ => new TrainingOptions().SourcePower };
        var synthetic = new Option<int>("--synthetic-suffixes") { Description = "Synthetic adversarial-suffix rows to add.", DefaultValueFactory = _ => new TrainingOptions().SyntheticSuffixRows };
        var syntheticLong = new Option<int>("--synthetic-long-benign") { Description = "Synthetic long benign rows (benign rows joined) to add.", DefaultValueFactory = _ => new TrainingOptions().SyntheticLongBenignRows };
        var folds = new Option<int>("--calibration-folds") { Description = "Folds for probability calibration (0 = none, else 2-10).", DefaultValueFactory = _ => new TrainingOptions().CalibrationFolds };
        var negativeFactor = new Option<double>("--negative-l2-factor") { Description = "Multiplier of --l2 for negative n-gram weights (1 = plain L2).", DefaultValueFactory = _ => new TrainingOptions().NegativeL2Factor };
        var benignShare = new Option<double>("--benign-share") { Description = "Share of the total row weight given to benign rows (0..1).", DefaultValueFactory = _ => new TrainingOptions().BenignShare };
        var perSource = new Option<bool>("--per-source-operating-point") { Description = "Meet --target-fpr in each benign source on its own, not over all benign rows pooled." };
        var noAugment = new Option<bool>("--no-augment") { Description = "Leave out the built-in augmentation rows." };
        var noProfile = new Option<bool>("--no-language-profile") { Description = "Leave out the ordinary-language (gibberish) signals." };
        var allowRestricted = new Option<bool>("--allow-restricted")
        {
            Description = "Also train on evaluation-only sources (no licence / non-commercial). Such a model must not ship.",
        };
        var parallel = new Option<int>("--parallel") { Description = "Leave-one-source-out folds trained at once.", DefaultValueFactory = _ => 1 };
        var format = new Option<string>("--format") { Description = "table or json (for --loso).", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");

        var command = new Command("train-detector", "Train the prompt-attack classifier, or validate it leave-one-source-out.")
        {
            data, output, loso, seed, l2, hashBits, targetFpr, sourcePower, synthetic, syntheticLong, folds, negativeFactor, benignShare, perSource, noAugment, noProfile, allowRestricted, parallel, format,
        };

        command.SetAction(async (parse, ct) =>
        {
            var outputPath = parse.GetValue(output);
            var doLoso = parse.GetValue(loso);
            if (outputPath is null && !doLoso)
            {
                throw new UsageException("give --output FILE to write weights, or --loso to validate");
            }

            if (parse.GetValue(hashBits) is < 10 or > 24)
            {
                throw new UsageException("--hash-bits must be between 10 and 24");
            }

            if (parse.GetValue(targetFpr) is <= 0 or >= 0.5 || parse.GetValue(sourcePower) is < 0 or > 1 || parse.GetValue(l2) < 0 ||
                parse.GetValue(synthetic) < 0 || parse.GetValue(syntheticLong) < 0 || parse.GetValue(folds) is 1 or < 0 or > 10 ||
                parse.GetValue(negativeFactor) is < 1 or > 1000 || parse.GetValue(benignShare) is <= 0 or >= 1)
            {
                throw new UsageException("--target-fpr must be in (0, 0.5), --source-power in [0, 1], --calibration-folds 0 or 2-10, --negative-l2-factor 1-1000, --benign-share in (0, 1), --l2 and the synthetic counts non-negative");
            }

            var options = new TrainingOptions
            {
                Seed = parse.GetValue(seed),
                L2 = parse.GetValue(l2),
                TargetFpr = parse.GetValue(targetFpr),
                SourcePower = parse.GetValue(sourcePower),
                SyntheticSuffixRows = parse.GetValue(synthetic),
                SyntheticLongBenignRows = parse.GetValue(syntheticLong),
                CalibrationFolds = parse.GetValue(folds),
                NegativeL2Factor = parse.GetValue(negativeFactor),
                BenignShare = parse.GetValue(benignShare),
                PooledOperatingPoint = !parse.GetValue(perSource),
                UseAugmentation = !parse.GetValue(noAugment),
                UseLanguageProfile = !parse.GetValue(noProfile),
                Features = new FeatureSettings { HashBits = parse.GetValue(hashBits) },
            };

            var (trainable, evaluationOnly) = await ReadRowsAsync(io, parse.GetValue(data) ?? [], parse.GetValue(allowRestricted)).ConfigureAwait(false);
            void Log(string line) => io.Error.WriteLine(line);
            var trainer = new DetectorTrainer(options, Log);

            if (doLoso)
            {
                var started = Stopwatch.GetTimestamp();
                var report = trainer.LeaveOneSourceOut(trainable, evaluationOnly, Math.Max(1, parse.GetValue(parallel)));
                await io.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"validation took {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s")).ConfigureAwait(false);
                if (parse.GetValue(format) == "json")
                {
                    await io.Out.WriteLineAsync(JsonSerializer.Serialize(report, JsonDefaults.Indented)).ConfigureAwait(false);
                }
                else
                {
                    LosoTable.Write(io, report);
                }
            }

            if (outputPath is not null)
            {
                var started = Stopwatch.GetTimestamp();
                var model = trainer.Train(trainable);
                var path = io.ResolvePath(outputPath);
                DetectorModelFormat.WriteFile(model, path);
                await io.Out.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"wrote {outputPath} ({new FileInfo(path).Length} bytes) from {trainable.Count} rows in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s")).ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<(List<LabeledPrompt> Trainable, List<LabeledPrompt> EvaluationOnly)> ReadRowsAsync(CliIo io, string[] paths, bool allowRestricted)
    {
        if (paths.Length == 0)
        {
            throw new UsageException("give at least one --data path");
        }

        var rows = new List<LabeledPrompt>();
        foreach (var p in paths)
        {
            try
            {
                foreach (var file in LabeledPromptReader.ListFiles(io.ResolvePath(p)))
                {
                    LabeledPromptReader.ReadFile(file, rows);
                }
            }
            catch (LabeledDataException ex)
            {
                throw new UsageException(ex.Message, ex);
            }
        }

        var trainable = new List<LabeledPrompt>();
        var evaluationOnly = new List<LabeledPrompt>();
        var noted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in rows)
        {
            var reason = allowRestricted ? null : TrainingDataPolicy.EvaluationOnlyReason(r);
            if (reason is null)
            {
                trainable.Add(r);
                continue;
            }

            evaluationOnly.Add(r);
            if (noted.Add(r.File))
            {
                await io.Error.WriteLineAsync($"note: {r.File} is used for evaluation only, not training ({reason})").ConfigureAwait(false);
            }
        }

        if (trainable.Count == 0)
        {
            throw new UsageException("no trainable rows");
        }

        return (trainable, evaluationOnly);
    }
}
