using System.Globalization;
using System.Text;
using LlmSecOps.Guard.Evaluation;
using LlmSecOps.Guard.Text;

namespace LlmSecOps.Guard.Classifier.Training;

/// <summary>
/// Trains the detector from labelled prompts:
/// <list type="number">
/// <item>adds the built-in augmentation rows and synthetic adversarial-suffix rows;</item>
/// <item>normalises every text exactly as the guard does;</item>
/// <item>builds the ordinary-language profile from benign rows, cross-fitted (each half of the
/// benign rows is measured with the profile of the other half) so that the gibberish signals of
/// training rows look as they will on unseen text;</item>
/// <item>weights rows so each class weighs the same and no single source dominates its class;</item>
/// <item>fits the attack head, calibrates it on out-of-fold margins (Platt scaling), and places
/// the operating point (probability 0.5) where the out-of-fold false-positive rate meets the
/// target;</item>
/// <item>fits the jailbreak-versus-injection head on the attacks.</item>
/// </list>
/// Everything is seeded and sequential, so the same rows and options give identical weights.
/// </summary>
internal sealed class DetectorTrainer
{
    private readonly TrainingOptions _options;
    private readonly Action<string> _log;

    public DetectorTrainer(TrainingOptions options, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Features.Validate();
        _options = options;
        _log = log ?? (static _ => { });
    }

    /// <summary>Trains a model on the rows (plus augmentation and synthetic rows, as the options say).</summary>
    public DetectorModel Train(IReadOnlyList<LabeledPrompt> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var set = Prepare(rows);
        var attack = FitAttack(set, out var slope, out var intercept);
        var kind = FitKind(set);
        var description = Describe(set, slope, intercept);
        return new DetectorModel(set.FinalExtractor, attack, kind, (float)slope, (float)intercept, description);
    }

    /// <summary>
    /// Leave-one-source-out validation: for each source file, trains on every other file and
    /// scores the held-out one. When augmentation is on, each augmentation source (hard benign
    /// prompts, ordinary-request injections, translated attacks …) is held out the same way, as
    /// those are the closest stand-ins for kinds of prompt the training files lack. Rows in
    /// <paramref name="unseen"/> are never trained on and are scored by the model trained on everything.
    /// </summary>
    public LosoReport LeaveOneSourceOut(IReadOnlyList<LabeledPrompt> rows, IReadOnlyList<LabeledPrompt> unseen, int parallelFolds = 1)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(unseen);
        var folds = new List<(string Name, List<LabeledPrompt> Test, TrainingOptions Options, List<LabeledPrompt> Train)>();
        foreach (var file in Distinct(rows, static r => r.File))
        {
            var train = new List<LabeledPrompt>();
            var test = new List<LabeledPrompt>();
            foreach (var r in rows)
            {
                (string.Equals(r.File, file, StringComparison.Ordinal) ? test : train).Add(r);
            }

            folds.Add((file, test, _options, train));
        }

        if (_options.UseAugmentation)
        {
            var augmentation = AugmentationData.Load();
            foreach (var source in Distinct(augmentation, static r => r.Source))
            {
                var test = augmentation.Where(r => string.Equals(r.Source, source, StringComparison.Ordinal)).ToList();
                folds.Add((source, test, _options with { ExcludedAugmentationSource = source }, [.. rows]));
            }
        }

        var results = new LosoRow[folds.Count];
        var heldOutScores = new List<double>[folds.Count];
        var heldOutTruth = new List<bool>[folds.Count];
        Parallel.For(0, folds.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelFolds) }, f =>
        {
            var (name, test, options, train) = folds[f];
            var model = new DetectorTrainer(options, null).Train(train);
            heldOutScores[f] = [];
            heldOutTruth[f] = [];
            results[f] = Score(model, name, test, unseen: false, heldOutScores[f], heldOutTruth[f]);
            _log($"held out {name}: {results[f].Describe()}");
        });

        var report = new List<LosoRow>(results);
        var scores = new List<double>();
        var truth = new List<bool>();
        for (var f = 0; f < folds.Count; f++)
        {
            scores.AddRange(heldOutScores[f]);
            truth.AddRange(heldOutTruth[f]);
        }

        if (unseen.Count > 0)
        {
            var full = Train(rows);
            foreach (var group in GroupByFile(unseen))
            {
                var row = Score(full, group.Key, group.Value, unseen: true, [], []);
                report.Add(row);
                _log($"unseen {group.Key}: {row.Describe()}");
            }
        }

        var predicted = new bool[scores.Count];
        for (var i = 0; i < scores.Count; i++)
        {
            predicted[i] = scores[i] >= 0.5;
        }

        return new LosoReport(
            report,
            DetectionMetrics.From(truth.ToArray(), predicted),
            ThresholdTable.Compute(scores.ToArray(), truth.ToArray(), ThresholdTable.DefaultTargets));
    }

    private static List<string> Distinct(IReadOnlyList<LabeledPrompt> rows, Func<LabeledPrompt, string> key)
    {
        var list = new List<string>();
        foreach (var r in rows)
        {
            if (!list.Contains(key(r)))
            {
                list.Add(key(r));
            }
        }

        return list;
    }

    private static LosoRow Score(DetectorModel model, string file, IReadOnlyList<LabeledPrompt> rows, bool unseen, List<double> scores, List<bool> truth)
    {
        int attacks = 0, benign = 0, tp = 0, fp = 0;
        double sum = 0;
        foreach (var r in rows)
        {
            var normalized = TextNormalizer.Normalize(r.Text).Normalized;
            var p = model.Score(normalized, r.Text).Probability;
            sum += p;
            scores.Add(p);
            truth.Add(r.IsAttack);
            if (r.IsAttack)
            {
                attacks++;
                tp += p >= 0.5 ? 1 : 0;
            }
            else
            {
                benign++;
                fp += p >= 0.5 ? 1 : 0;
            }
        }

        return new LosoRow(
            file,
            rows.Count,
            attacks,
            benign,
            attacks == 0 ? null : (double)tp / attacks,
            benign == 0 ? null : (double)fp / benign,
            rows.Count == 0 ? 0 : sum / rows.Count,
            unseen);
    }

    private static SortedDictionary<string, List<LabeledPrompt>> GroupByFile(IReadOnlyList<LabeledPrompt> rows)
    {
        var groups = new SortedDictionary<string, List<LabeledPrompt>>(StringComparer.Ordinal);
        foreach (var r in rows)
        {
            if (!groups.TryGetValue(r.File, out var list))
            {
                groups[r.File] = list = [];
            }

            list.Add(r);
        }

        return groups;
    }

    private PreparedSet Prepare(IReadOnlyList<LabeledPrompt> input)
    {
        var random = new SplitMix64((ulong)_options.Seed);
        var rows = new List<LabeledPrompt>(input);
        if (_options.UseAugmentation)
        {
            foreach (var r in AugmentationData.Load())
            {
                if (!string.Equals(r.Source, _options.ExcludedAugmentationSource, StringComparison.Ordinal))
                {
                    rows.Add(r);
                }
            }
        }

        AddSyntheticSuffixes(rows, ref random);
        AddSyntheticLongBenign(rows, ref random);
        AddSyntheticStructuredBenign(rows, ref random);

        var normalized = new string[rows.Count];
        var cleaned = new string[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            normalized[i] = TextNormalizer.Normalize(rows[i].Text).Normalized;
            cleaned[i] = FeatureExtractor.Clean(normalized[i]);
        }

        // The ordinary-language profile is built from every written row (benign and attack alike:
        // it models language, not intent), cross-fitted: a row is measured with the profile built
        // from the other half, as unseen text would be.
        var half = new int[rows.Count];
        var halves = new[] { new List<string>(), new List<string>() };
        var everything = new List<string>();
        for (var i = 0; i < rows.Count; i++)
        {
            half[i] = -1;
            if (!IsSynthetic(rows[i]))
            {
                half[i] = random.Next(2);
                halves[half[i]].Add(cleaned[i]);
                everything.Add(cleaned[i]);
            }
        }

        var settings = _options.Features;
        LanguageProfile? full = null, without0 = null, without1 = null;
        var levels = new float[FeatureExtractor.ProfileLevelCount];
        if (_options.UseLanguageProfile && everything.Count > 0)
        {
            full = LanguageProfile.Build(everything);
            without0 = LanguageProfile.Build(halves[1]);
            without1 = LanguageProfile.Build(halves[0]);

            // Levels are percentiles of benign text, so "unusual" means unusual for a benign prompt.
            var windows = new List<float>();
            var means = new List<float>();
            for (var i = 0; i < rows.Count; i++)
            {
                if (half[i] < 0 || rows[i].IsAttack)
                {
                    continue;
                }

                var (window, mean) = (half[i] == 0 ? without0 : without1).Measure(cleaned[i]);
                if (window > 0)
                {
                    windows.Add(window);
                    means.Add(mean);
                }
            }

            levels = ProfileLevels(windows, means);
        }

        var finalExtractor = new FeatureExtractor(settings, full, levels);
        var extractors = new[] { new FeatureExtractor(settings, without0, levels), new FeatureExtractor(settings, without1, levels) };
        var x = new SparseRows(settings.Dimension);
        var scratch = new FeatureScratch();
        for (var i = 0; i < rows.Count; i++)
        {
            var extractor = half[i] < 0 ? finalExtractor : extractors[half[i]];
            extractor.Extract(normalized[i], rows[i].Text, scratch);
            x.Add(scratch);
        }

        var positive = new bool[rows.Count];
        var jailbreak = new bool[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            positive[i] = rows[i].IsAttack;
            jailbreak[i] = rows[i].Label == PromptLabel.Jailbreak;
        }

        var weights = GroupWeights(rows, static r => r.IsAttack ? "attack" : "benign", static _ => true);
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] *= 2 * (rows[i].IsAttack ? 1 - _options.BenignShare : _options.BenignShare);
        }

        _log(string.Create(CultureInfo.InvariantCulture, $"prepared {rows.Count} rows ({x.NonZeros} features set), language levels {string.Join(", ", levels)}"));
        return new PreparedSet(rows, x, positive, jailbreak, weights, finalExtractor, levels);
    }

    private void AddSyntheticSuffixes(List<LabeledPrompt> rows, ref SplitMix64 random)
    {
        if (_options.SyntheticSuffixRows <= 0)
        {
            return;
        }

        var bases = new List<string>();
        foreach (var r in rows)
        {
            if (!r.IsAttack && r.Text.Length is >= 20 and <= 400)
            {
                bases.Add(r.Text.TrimEnd());
            }
        }

        if (bases.Count == 0)
        {
            return;
        }

        for (var i = 0; i < _options.SyntheticSuffixRows; i++)
        {
            var text = bases[random.Next(bases.Count)] + " " + AdversarialSuffixGenerator.Generate(ref random);
            rows.Add(new LabeledPrompt(text, PromptLabel.Jailbreak, "synthetic:adversarial_suffix", "synthetic", i + 1));
        }
    }

    /// <summary>
    /// Long benign rows made by joining several benign rows. Attack sources are full of long
    /// templates while benign requests are short; without long benign text the model would learn
    /// that length itself is an attack.
    /// </summary>
    private void AddSyntheticLongBenign(List<LabeledPrompt> rows, ref SplitMix64 random)
    {
        if (_options.SyntheticLongBenignRows <= 0)
        {
            return;
        }

        var bases = new List<string>();
        foreach (var r in rows)
        {
            if (!r.IsAttack && !IsSynthetic(r))
            {
                bases.Add(r.Text.Trim());
            }
        }

        if (bases.Count < 2)
        {
            return;
        }

        string[] separators = ["\n\n", "\n", " "];
        var sb = new StringBuilder();
        for (var i = 0; i < _options.SyntheticLongBenignRows; i++)
        {
            sb.Clear();
            var parts = 2 + random.Next(9);
            var separator = separators[random.Next(separators.Length)];
            for (var k = 0; k < parts; k++)
            {
                if (k > 0)
                {
                    sb.Append(separator);
                }

                sb.Append(bases[random.Next(bases.Count)]);
            }

            rows.Add(new LabeledPrompt(sb.ToString(), PromptLabel.Benign, "synthetic:long_benign", "synthetic", i + 1));
        }
    }

    /// <summary>
    /// Benign rows carrying e-mail addresses, URLs, hashes and other structured values (see
    /// <see cref="StructuredDataGenerator"/>), so the gibberish signals stay about adversarial text.
    /// </summary>
    private void AddSyntheticStructuredBenign(List<LabeledPrompt> rows, ref SplitMix64 random)
    {
        if (_options.SyntheticStructuredBenignRows <= 0)
        {
            return;
        }

        var bases = new List<string>();
        foreach (var r in rows)
        {
            if (!r.IsAttack && !IsSynthetic(r) && r.Text.Length <= 400)
            {
                bases.Add(r.Text.Trim());
            }
        }

        if (bases.Count == 0)
        {
            return;
        }

        for (var i = 0; i < _options.SyntheticStructuredBenignRows; i++)
        {
            var text = StructuredDataGenerator.Decorate(bases[random.Next(bases.Count)], ref random);
            rows.Add(new LabeledPrompt(text, PromptLabel.Benign, "synthetic:structured_benign", "synthetic", i + 1));
        }
    }

    private static bool IsSynthetic(LabeledPrompt row) => row.Source.StartsWith("synthetic:", StringComparison.Ordinal);

    private static float[] ProfileLevels(List<float> windows, List<float> means)
    {
        if (windows.Count == 0)
        {
            return new float[FeatureExtractor.ProfileLevelCount];
        }

        windows.Sort();
        means.Sort();
        return
        [
            Percentile(windows, 0.99), Percentile(windows, 0.997), Percentile(windows, 0.999),
            Percentile(means, 0.99), Percentile(means, 0.999),
        ];
    }

    private static float Percentile(List<float> sorted, double q) =>
        sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>
    /// Row weights: each class (by <paramref name="classOf"/>) sums to the same total, and within
    /// a class a source of n rows weighs n^SourcePower, shared equally by its rows.
    /// </summary>
    private double[] GroupWeights(IReadOnlyList<LabeledPrompt> rows, Func<LabeledPrompt, string> classOf, Func<LabeledPrompt, bool> include)
    {
        var groupSize = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            if (include(rows[i]))
            {
                var key = classOf(rows[i]) + "|" + rows[i].Source;
                groupSize[key] = groupSize.GetValueOrDefault(key) + 1;
            }
        }

        var classTotal = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (key, n) in groupSize)
        {
            var bar = key.IndexOf('|', StringComparison.Ordinal);
            classTotal[key[..bar]] = classTotal.GetValueOrDefault(key[..bar]) + GroupMass(key[(bar + 1)..], n);
        }

        var weights = new double[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            if (!include(rows[i]))
            {
                continue;
            }

            var cls = classOf(rows[i]);
            var n = groupSize[cls + "|" + rows[i].Source];
            weights[i] = GroupMass(rows[i].Source, n) / classTotal[cls] / n;
        }

        return weights;
    }

    /// <summary>A source's share of its class before normalisation; generated rows count for less than written ones.</summary>
    private double GroupMass(string source, int rows) =>
        Math.Pow(rows, _options.SourcePower) * (source.StartsWith("synthetic:", StringComparison.Ordinal) ? _options.SyntheticWeight : 1.0);

    /// <summary>Benign rows a source needs before its own false-positive rate constrains the operating point.</summary>
    private const int MinOperatingSourceRows = 50;

    private LinearHead FitAttack(PreparedSet set, out double slope, out double intercept)
    {
        var all = Range(set.Rows.Count, static _ => true);
        slope = 1;
        intercept = 0;
        if (_options.CalibrationFolds >= 2)
        {
            var margins = OutOfFoldMargins(set, _options.CalibrationFolds);
            (slope, intercept) = PlattScaling.Fit(margins, set.Positive, set.Weights);

            // The operating point: at least the balanced 0.5, higher when the out-of-fold
            // benign rows need it to stay under the target false-positive rate, over all benign
            // rows pooled or, on request, in every benign source large enough to measure.
            var bySource = new Dictionary<string, List<double>>(StringComparer.Ordinal);
            for (var i = 0; i < margins.Length; i++)
            {
                // Synthetic benign rows are made to teach, not to measure: they do not move the operating point.
                if (!set.Positive[i] && !IsSynthetic(set.Rows[i]))
                {
                    var key = _options.PooledOperatingPoint ? string.Empty : set.Rows[i].Source;
                    if (!bySource.TryGetValue(key, out var list))
                    {
                        bySource[key] = list = [];
                    }

                    list.Add(LogisticRegression.Sigmoid((slope * margins[i]) + intercept));
                }
            }

            var cut = 0.5;
            foreach (var (source, probabilities) in bySource)
            {
                if (source.Length > 0 && probabilities.Count < MinOperatingSourceRows)
                {
                    continue;
                }

                probabilities.Sort();
                var sourceCut = probabilities[Math.Clamp((int)Math.Floor((1 - _options.TargetFpr) * probabilities.Count), 0, probabilities.Count - 1)];
                _log(string.Create(CultureInfo.InvariantCulture, $"operating point: {(source.Length == 0 ? "all benign rows" : source)} needs {sourceCut:0.###} ({probabilities.Count} rows)"));
                cut = Math.Max(cut, sourceCut);
            }

            var threshold = Math.Clamp(Math.Max(0.5, cut), 0.5, 0.999);
            intercept -= Math.Log(threshold / (1 - threshold));
            _log(string.Create(CultureInfo.InvariantCulture, $"calibration: slope {slope:0.###}, operating probability {threshold:0.###} moved to 0.5"));
        }

        var fit = FitAttackWeights(set, all);
        _log(string.Create(CultureInfo.InvariantCulture, $"attack head: {fit.Iterations} iterations, objective {fit.Objective:0.#####}, converged {fit.Converged}"));
        return LinearHead.Quantise(fit.Weights, _options.Features.Buckets, fit.Bias);
    }

    private LogisticRegression.Fit FitAttackWeights(PreparedSet set, int[] rows) => LogisticRegression.Train(
        set.X, rows, set.Positive, set.Weights, _options.L2, _options.MaxIterations,
        negativeFactor: _options.NegativeL2Factor, asymmetricCount: _options.Features.Buckets);

    private double[] OutOfFoldMargins(PreparedSet set, int folds)
    {
        // Stratified folds: each class is shuffled and dealt round-robin.
        var random = new SplitMix64((ulong)_options.Seed ^ 0xF01D5UL);
        var fold = new int[set.Rows.Count];
        foreach (var cls in new[] { true, false })
        {
            var members = Range(set.Rows.Count, i => set.Positive[i] == cls);
            random.Shuffle(members.AsSpan());
            for (var k = 0; k < members.Length; k++)
            {
                fold[members[k]] = k % folds;
            }
        }

        var margins = new double[set.Rows.Count];
        for (var k = 0; k < folds; k++)
        {
            var train = Range(set.Rows.Count, i => fold[i] != k);
            var fit = FitAttackWeights(set, train);
            var weights = Array.ConvertAll(fit.Weights, static w => (double)w);
            for (var i = 0; i < set.Rows.Count; i++)
            {
                if (fold[i] == k)
                {
                    margins[i] = set.X.Dot(i, weights, fit.Bias);
                }
            }
        }

        return margins;
    }

    private LinearHead FitKind(PreparedSet set)
    {
        var attacks = Range(set.Rows.Count, i => set.Positive[i]);
        var jailbreaks = 0;
        foreach (var i in attacks)
        {
            jailbreaks += set.Jailbreak[i] ? 1 : 0;
        }

        var dimension = set.X.Dimension;
        if (jailbreaks == 0 || jailbreaks == attacks.Length)
        {
            // One kind only: every attack gets that kind.
            return LinearHead.Quantise(new float[dimension], _options.Features.Buckets, jailbreaks == 0 ? -10f : 10f);
        }

        var weights = GroupWeights(set.Rows, static r => r.Label == PromptLabel.Jailbreak ? "jailbreak" : "injection", static r => r.IsAttack);
        var fit = LogisticRegression.Train(set.X, attacks, set.Jailbreak, weights, _options.KindL2, _options.MaxIterations);
        _log(string.Create(CultureInfo.InvariantCulture, $"kind head: {fit.Iterations} iterations, objective {fit.Objective:0.#####}"));
        return LinearHead.Quantise(fit.Weights, _options.Features.Buckets, fit.Bias);
    }

    private string Describe(PreparedSet set, double slope, double intercept)
    {
        var sources = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in set.Rows)
        {
            var key = r.File + " (" + GuardEvaluator.LabelName(r.Label) + ")";
            sources[key] = sources.GetValueOrDefault(key) + 1;
        }

        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"seed={_options.Seed} l2={_options.L2} negative_l2_factor={_options.NegativeL2Factor} benign_share={_options.BenignShare} kind_l2={_options.KindL2} source_power={_options.SourcePower} ");
        sb.Append(CultureInfo.InvariantCulture, $"hash_bits={_options.Features.HashBits} char={_options.Features.CharMin}-{_options.Features.CharMax} ");
        sb.Append(CultureInfo.InvariantCulture, $"synthetic=({_options.SyntheticSuffixRows},{_options.SyntheticLongBenignRows},{_options.SyntheticStructuredBenignRows}) target_fpr={_options.TargetFpr} pooled_operating_point={_options.PooledOperatingPoint} calibration=({slope:0.####},{intercept:0.####}) rows:");
        foreach (var (key, n) in sources)
        {
            sb.Append(CultureInfo.InvariantCulture, $" {key}={n}");
        }

        return sb.ToString();
    }

    private static int[] Range(int count, Func<int, bool> include)
    {
        var list = new List<int>(count);
        for (var i = 0; i < count; i++)
        {
            if (include(i))
            {
                list.Add(i);
            }
        }

        return [.. list];
    }

    private sealed record PreparedSet(
        List<LabeledPrompt> Rows,
        SparseRows X,
        bool[] Positive,
        bool[] Jailbreak,
        double[] Weights,
        FeatureExtractor FinalExtractor,
        float[] Levels);
}
