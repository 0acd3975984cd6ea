namespace LlmSecOps.RedTeam.Mutators;

/// <summary>
/// A mutator whose core is a reversible encoding: <see cref="Decode"/> gives back what
/// <see cref="Encode"/> was given. The attack sent is the encoded text inside a short framing
/// that asks the model to decode it.
/// </summary>
public abstract class EncodingMutator : Mutator
{
    /// <summary>Encodes a text.</summary>
    public abstract string Encode(string text, Random random);

    /// <summary>Decodes what <see cref="Encode"/> produced.</summary>
    public abstract string Decode(string encoded);

    /// <summary>Puts the encoded text into the message sent to the model.</summary>
    protected virtual string Wrap(string encoded, Random random) => encoded;

    /// <inheritdoc />
    public override string Transform(string text, Random random) => Wrap(Encode(text, random), random);
}
