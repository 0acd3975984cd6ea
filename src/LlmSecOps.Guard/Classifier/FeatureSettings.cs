namespace LlmSecOps.Guard.Classifier;

/// <summary>
/// The shape of the feature space. A model is trained with one setting and stores it, so
/// inference always extracts exactly the features the weights were trained on.
/// </summary>
internal sealed record FeatureSettings
{
    /// <summary>Hashed buckets are 2^HashBits.</summary>
    public int HashBits { get; init; } = 18;

    /// <summary>Shortest character n-gram.</summary>
    public int CharMin { get; init; } = 3;

    /// <summary>Longest character n-gram.</summary>
    public int CharMax { get; init; } = 5;

    /// <summary>Whether consecutive word pairs are features.</summary>
    public bool WordBigrams { get; init; } = true;

    /// <summary>Length of the character-n-gram block after normalisation to unit length.</summary>
    public float CharScale { get; init; } = 1f;

    /// <summary>Length of the word block after normalisation to unit length.</summary>
    public float WordScale { get; init; } = 1f;

    /// <summary>Number of hashed buckets.</summary>
    public int Buckets => 1 << HashBits;

    /// <summary>Total weights: the hashed buckets followed by the structural features.</summary>
    public int Dimension => Buckets + StructuralFeatures.Count;

    /// <summary>Checks the values a model file may carry.</summary>
    public void Validate()
    {
        if (HashBits is < 10 or > 24)
        {
            throw new InvalidDataException($"hash bits {HashBits} out of range 10..24");
        }

        if (CharMin < 1 || CharMax > 8 || CharMin > CharMax)
        {
            throw new InvalidDataException($"character n-gram range {CharMin}..{CharMax} is invalid");
        }

        if (!float.IsFinite(CharScale) || !float.IsFinite(WordScale) || CharScale < 0 || WordScale < 0)
        {
            throw new InvalidDataException("block scales must be finite and non-negative");
        }
    }
}
