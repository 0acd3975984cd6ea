using LlmSecOps.Lint.Text;

namespace LlmSecOps.Lint.Code;

/// <summary>Helpers shared by the tokenizers.</summary>
internal static class CodeTextExtensions
{
    /// <summary>A contiguous origin when the map is the identity from <paramref name="start"/>, else a mapped one.</summary>
    public static TextOrigin TextOrigin(this string text, int start, int[] map)
    {
        _ = text;
        for (var i = 0; i < map.Length; i++)
        {
            if (map[i] != start + i)
            {
                return Text.TextOrigin.Mapped(start, map);
            }
        }

        return Text.TextOrigin.Contiguous(start);
    }
}
