using System.Text;

namespace LlmSecOps.RedTeam.Mutators;

/// <summary>Widens the gaps between words with random runs of spaces, tabs and line breaks.</summary>
internal sealed class SpacingMutator : EncodingMutator
{
    private static readonly string[] Gaps = ["  ", "   ", "\t", " \t ", "\n", "    "];

    public override string Name => "spacing";

    public override string Description => "irregular whitespace between words (spaces, tabs, line breaks)";

    public override string Encode(string text, Random random)
    {
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (c == ' ')
            {
                sb.Append(random.NextDouble() < 0.7 ? Gaps[random.Next(Gaps.Length)] : " ");
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>Collapses every whitespace run back to one space (exact for single-spaced text without tabs or line breaks).</summary>
    public override string Decode(string encoded) =>
        string.Join(' ', encoded.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries));
}
