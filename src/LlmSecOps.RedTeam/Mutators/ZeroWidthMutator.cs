using System.Text;

namespace LlmSecOps.RedTeam.Mutators;

/// <summary>Inserts zero-width characters inside words, so keyword filters no longer see them.</summary>
internal sealed class ZeroWidthMutator : EncodingMutator
{
    private static readonly char[] Invisible = ['\u200B', '\u200C', '\u200D', '\u2060'];

    public override string Name => "zero_width";

    public override string Description => "zero-width characters inserted between the letters of words";

    /// <summary>Whether a character is one this mutator inserts.</summary>
    internal static bool IsInvisible(char c) => Array.IndexOf(Invisible, c) >= 0;

    public override string Encode(string text, Random random)
    {
        var sb = new StringBuilder(text.Length * 2);
        for (var i = 0; i < text.Length; i++)
        {
            sb.Append(text[i]);
            if (i + 1 < text.Length && char.IsLetter(text[i]) && char.IsLetter(text[i + 1]) && random.NextDouble() < 0.6)
            {
                sb.Append(Invisible[random.Next(Invisible.Length)]);
            }
        }

        return sb.ToString();
    }

    public override string Decode(string encoded)
    {
        var sb = new StringBuilder(encoded.Length);
        foreach (var c in encoded)
        {
            if (!IsInvisible(c))
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
