using System.Globalization;

namespace LlmSecOps.Guard.Classifier;

/// <summary>
/// The trained prompt-attack classifier: a feature extractor, an attack-versus-benign logistic
/// head with Platt calibration, and a jailbreak-versus-injection head that names the category.
/// Immutable and thread-safe; scoring allocates nothing.
/// </summary>
internal sealed class DetectorModel
{
    /// <summary>Name of the weights embedded in this assembly.</summary>
    public const string ResourceName = "LlmSecOps.Guard.Classifier.detector.lsdm.gz";

    private static readonly Lazy<DetectorModel?> EmbeddedModel = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    public DetectorModel(FeatureExtractor extractor, LinearHead attack, LinearHead kind, float calibrationSlope, float calibrationIntercept, string description)
    {
        ArgumentNullException.ThrowIfNull(extractor);
        ArgumentNullException.ThrowIfNull(attack);
        ArgumentNullException.ThrowIfNull(kind);
        var buckets = extractor.Settings.Buckets;
        foreach (var head in (ReadOnlySpan<LinearHead>)[attack, kind])
        {
            if (head.Hashed.Length != buckets || head.Dense.Length != StructuralFeatures.Count)
            {
                throw new InvalidDataException($"heads must have {buckets} hashed and {StructuralFeatures.Count} structural weights");
            }
        }

        Extractor = extractor;
        Attack = attack;
        Kind = kind;
        CalibrationSlope = calibrationSlope;
        CalibrationIntercept = calibrationIntercept;
        Description = description ?? string.Empty;
    }

    public FeatureExtractor Extractor { get; }

    public LinearHead Attack { get; }

    /// <summary>Positive margin: jailbreak; negative: injection.</summary>
    public LinearHead Kind { get; }

    public float CalibrationSlope { get; }

    public float CalibrationIntercept { get; }

    /// <summary>How the model was trained (data, seed, settings), as written by the trainer.</summary>
    public string Description { get; }

    /// <summary>The model embedded in the assembly, loaded once on first use; null if the assembly carries none.</summary>
    public static DetectorModel? Embedded => EmbeddedModel.Value;

    /// <summary>Whether the embedded model has been loaded.</summary>
    public static bool EmbeddedLoaded => EmbeddedModel.IsValueCreated;

    /// <summary>Scores one text.</summary>
    public DetectorScore Score(ReadOnlySpan<char> normalized, ReadOnlySpan<char> original)
    {
        var scratch = FeatureScratch.ForCurrentThread();
        Extractor.Extract(normalized, original, scratch);
        return ScoreExtracted(scratch);
    }

    /// <summary>
    /// Scores the features already in a scratch. The jailbreak-or-injection head only matters
    /// for a finding that can count, so it is skipped when the attack probability is negligible.
    /// </summary>
    public DetectorScore ScoreExtracted(FeatureScratch scratch)
    {
        var margin = Attack.Margin(scratch);
        var probability = Calibrate(margin);
        var share = probability >= KindFloor ? Sigmoid(Kind.Margin(scratch)) : 0;
        return new DetectorScore(probability, margin, share);
    }

    /// <summary>Attack probability under which the category is not worked out (it reads as injection).</summary>
    public const double KindFloor = 0.05;

    /// <summary>Calibrated probability for a raw attack margin.</summary>
    public double Calibrate(double margin) => Sigmoid((CalibrationSlope * margin) + CalibrationIntercept);

    /// <summary>
    /// What pushed the attack score up the most, readable: the character stretches whose n-grams
    /// weigh most (<c>char:"gnore all previ"</c>), the heaviest words or word pairs
    /// (<c>word:"developer mode"</c>) and structural signals (<c>struct:gibberish_window&gt;=p99</c>),
    /// each with its contribution to the margin.
    /// </summary>
    public IReadOnlyList<string> Explain(ReadOnlySpan<char> normalized, ReadOnlySpan<char> original, int top = 5)
    {
        var scratch = FeatureScratch.ForCurrentThread();
        var recorder = new ExplanationRecorder(scratch);
        Extractor.Extract(normalized, original, scratch, ref recorder);
        var attack = Attack;
        var clean = scratch.Clean.AsSpan(0, scratch.CleanLength);
        var items = new List<(float Contribution, string Name)>();

        // Character n-grams: spread each contribution over the characters it covers and show
        // the hottest stretches, which read better than single overlapping n-grams.
        var heat = new float[clean.Length];
        for (var i = 0; i < scratch.CharEnd; i++)
        {
            var c = attack.Weight(scratch.Indices[i]) * scratch.Values[i];
            var (start, length) = (scratch.Starts[i], scratch.Lengths[i]);
            for (var k = start; k < start + length; k++)
            {
                heat[k] += c / length;
            }
        }

        for (var pick = 0; pick < 2; pick++)
        {
            var (start, sum) = HottestWindow(heat, PhraseWidth);
            if (start < 0 || sum <= 0)
            {
                break;
            }

            var length = Math.Min(PhraseWidth, clean.Length - start);
            items.Add((sum, "char:\"" + clean.Slice(start, length).Trim().ToString() + "\""));

            // Blank the stretch and its surroundings so the next pick is elsewhere.
            var from = Math.Max(0, start - PhraseWidth);
            var to = Math.Min(clean.Length, start + (2 * PhraseWidth));
            heat.AsSpan(from, to - from).Clear();
        }

        // Words and word pairs: the two heaviest.
        (float C, int I) first = (0, -1), second = (0, -1);
        for (var i = scratch.CharEnd; i < scratch.WordEnd; i++)
        {
            var c = attack.Weight(scratch.Indices[i]) * scratch.Values[i];
            if (c > first.C)
            {
                second = first;
                first = (c, i);
            }
            else if (c > second.C)
            {
                second = (c, i);
            }
        }

        foreach (var (c, i) in (ReadOnlySpan<(float, int)>)[first, second])
        {
            if (i >= 0)
            {
                items.Add((c, "word:\"" + clean.Slice(scratch.Starts[i], scratch.Lengths[i]).ToString() + "\""));
            }
        }

        for (var i = scratch.WordEnd; i < scratch.Count; i++)
        {
            var c = attack.Weight(scratch.Indices[i]) * scratch.Values[i];
            if (c > 0)
            {
                items.Add((c, StructuralFeatures.Names[scratch.Indices[i] - Extractor.Settings.Buckets]));
            }
        }

        items.Sort(static (x, y) => y.Contribution.CompareTo(x.Contribution));
        var picked = new List<string>(Math.Min(top, items.Count));
        for (var i = 0; i < items.Count && picked.Count < top; i++)
        {
            picked.Add(items[i].Name + " +" + items[i].Contribution.ToString("0.00", CultureInfo.InvariantCulture));
        }

        return picked;
    }

    /// <summary>Characters shown for a hot stretch of text.</summary>
    private const int PhraseWidth = 18;

    private static (int Start, float Sum) HottestWindow(float[] heat, int width)
    {
        if (heat.Length == 0)
        {
            return (-1, 0);
        }

        width = Math.Min(width, heat.Length);
        float sum = 0;
        for (var i = 0; i < width; i++)
        {
            sum += heat[i];
        }

        var best = sum;
        var bestStart = 0;
        for (var i = width; i < heat.Length; i++)
        {
            sum += heat[i] - heat[i - width];
            if (sum > best)
            {
                best = sum;
                bestStart = i - width + 1;
            }
        }

        return (bestStart, best);
    }

    private static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));

    private static DetectorModel? LoadEmbedded()
    {
        using var stream = typeof(DetectorModel).Assembly.GetManifestResourceStream(ResourceName);
        return stream is null ? null : DetectorModelFormat.Read(stream);
    }

    /// <summary>The assembly resource stream of the embedded weights, or null.</summary>
    public static Stream? OpenEmbedded() => typeof(DetectorModel).Assembly.GetManifestResourceStream(ResourceName);

    /// <summary>Keeps where each feature's text sits in the cleaned buffer, in the scratch's own arrays.</summary>
    private readonly struct ExplanationRecorder(FeatureScratch scratch) : IFeatureObserver
    {
        public void Observe(int index, FeatureKind kind, int start, int length) => scratch.RecordPosition(start, length);
    }
}
