namespace LlmSecOps.RedTeam.Mutators;

/// <summary>Swaps letters for look-alike digits (a→4, e→3, o→0 …) at random positions.</summary>
internal sealed class LeetspeakMutator : Mutator
{
    public override string Name => "leetspeak";

    public override string Description => "letters swapped for look-alike digits (a→4, e→3, i→1, o→0, s→5, t→7)";

    internal static char? Substitute(char c) => char.ToLowerInvariant(c) switch
    {
        'a' => '4',
        'e' => '3',
        'i' => '1',
        'o' => '0',
        's' => '5',
        't' => '7',
        'g' => '9',
        'b' => '8',
        _ => null,
    };

    public override string Transform(string text, Random random) => string.Create(text.Length, (text, random), static (span, state) =>
    {
        var (source, rng) = state;
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            span[i] = Substitute(c) is { } s && rng.NextDouble() < 0.7 ? s : c;
        }
    });
}
