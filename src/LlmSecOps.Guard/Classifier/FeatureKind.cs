namespace LlmSecOps.Guard.Classifier;

/// <summary>The families of features the classifier reads.</summary>
internal enum FeatureKind
{
    /// <summary>A character n-gram of the cleaned text.</summary>
    Char,

    /// <summary>A word.</summary>
    Word,

    /// <summary>Two consecutive words.</summary>
    WordBigram,

    /// <summary>A structural signal (symbol density, odd tokens, distance from ordinary language …).</summary>
    Structural,
}
