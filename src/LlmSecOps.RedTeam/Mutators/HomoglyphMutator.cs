using System.Collections.Frozen;

namespace LlmSecOps.RedTeam.Mutators;

/// <summary>Replaces Latin letters with Cyrillic and Greek look-alikes at random positions.</summary>
internal sealed class HomoglyphMutator : EncodingMutator
{
    private static readonly FrozenDictionary<char, char> ToGlyph = new Dictionary<char, char>
    {
        ['a'] = '\u0430', ['c'] = '\u0441', ['e'] = '\u0435', ['o'] = '\u043E', ['p'] = '\u0440', ['x'] = '\u0445',
        ['y'] = '\u0443', ['i'] = '\u0456', ['j'] = '\u0458', ['s'] = '\u0455', ['h'] = '\u04BB',
        ['A'] = '\u0410', ['B'] = '\u0412', ['C'] = '\u0421', ['E'] = '\u0415', ['H'] = '\u041D', ['K'] = '\u041A',
        ['M'] = '\u041C', ['O'] = '\u041E', ['P'] = '\u0420', ['T'] = '\u0422', ['X'] = '\u0425', ['Y'] = '\u03A5',
        ['N'] = '\u039D', ['Z'] = '\u0396', ['I'] = '\u0406',
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<char, char> FromGlyph = ToGlyph.ToFrozenDictionary(kv => kv.Value, kv => kv.Key);

    public override string Name => "homoglyph";

    public override string Description => "Latin letters replaced by Cyrillic/Greek look-alikes";

    public override string Encode(string text, Random random) => string.Create(text.Length, (text, random), static (span, state) =>
    {
        var (source, rng) = state;
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            span[i] = ToGlyph.TryGetValue(c, out var g) && rng.NextDouble() < 0.6 ? g : c;
        }
    });

    /// <summary>Maps look-alikes back to Latin (exact for text that had none to begin with).</summary>
    public override string Decode(string encoded) => string.Create(encoded.Length, encoded, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            span[i] = FromGlyph.TryGetValue(source[i], out var l) ? l : source[i];
        }
    });

    /// <summary>Whether a character is one of the look-alikes.</summary>
    internal static bool IsGlyph(char c) => FromGlyph.ContainsKey(c);
}
