namespace LlmSecOps.Guard.Classifier;

/// <summary>
/// One logistic-regression output as it runs: the hashed-feature weights quantised to signed
/// bytes times a common step (256 KB for 2^18 buckets, small enough to stay in a core's cache),
/// the structural weights as floats, and a bias. The trainer quantises its result straight away,
/// so the model it validates is the model that ships.
/// </summary>
internal sealed class LinearHead
{
    public LinearHead(sbyte[] hashed, float step, float[] dense, float bias)
    {
        ArgumentNullException.ThrowIfNull(hashed);
        ArgumentNullException.ThrowIfNull(dense);
        if (!float.IsFinite(step) || step <= 0 || !float.IsFinite(bias))
        {
            throw new InvalidDataException("weight step must be positive and finite, bias finite");
        }

        foreach (var d in dense)
        {
            if (!float.IsFinite(d))
            {
                throw new InvalidDataException("non-finite structural weight");
            }
        }

        Hashed = hashed;
        Step = step;
        Dense = dense;
        Bias = bias;
    }

    /// <summary>Hashed-bucket weights in units of <see cref="Step"/>.</summary>
    public sbyte[] Hashed { get; }

    public float Step { get; }

    /// <summary>Structural-feature weights.</summary>
    public float[] Dense { get; }

    public float Bias { get; }

    /// <summary>Quantises trained weights (hashed buckets first, then structural features).</summary>
    public static LinearHead Quantise(ReadOnlySpan<float> weights, int buckets, float bias)
    {
        var max = 0f;
        foreach (var w in weights[..buckets])
        {
            max = Math.Max(max, Math.Abs(w));
        }

        var step = max > 0 ? max / 127f : 1f;
        var hashed = new sbyte[buckets];
        for (var i = 0; i < buckets; i++)
        {
            hashed[i] = (sbyte)Math.Clamp((int)MathF.Round(weights[i] / step), -127, 127);
        }

        return new LinearHead(hashed, step, weights[buckets..].ToArray(), bias);
    }

    /// <summary>The weight of feature <paramref name="index"/> (a bucket, or buckets + structural index).</summary>
    public float Weight(int index) => index < Hashed.Length ? Hashed[index] * Step : Dense[index - Hashed.Length];

    /// <summary>The margin of the features in a scratch (hashed features first, structural after).</summary>
    public float Margin(FeatureScratch scratch)
    {
        var hashed = Hashed;
        var indices = scratch.Indices;
        var values = scratch.Values;
        var end = scratch.WordEnd;
        var sum = 0f;
        for (var i = 0; i < end; i++)
        {
            sum += hashed[indices[i]] * values[i];
        }

        var margin = Bias + (sum * Step);
        for (var i = end; i < scratch.Count; i++)
        {
            margin += Dense[indices[i] - hashed.Length] * values[i];
        }

        return margin;
    }
}
