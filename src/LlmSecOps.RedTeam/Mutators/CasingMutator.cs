namespace LlmSecOps.RedTeam.Mutators;

/// <summary>Random upper/lower case per letter ("aLtErNaTiNg" noise against case-sensitive filters).</summary>
internal sealed class CasingMutator : Mutator
{
    public override string Name => "casing";

    public override string Description => "random upper/lower case per letter";

    public override string Transform(string text, Random random) => string.Create(text.Length, (text, random), static (span, state) =>
    {
        var (source, rng) = state;
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            span[i] = char.IsLetter(c) ? (rng.Next(2) == 0 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c)) : c;
        }
    });
}
