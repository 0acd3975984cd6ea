namespace LlmSecOps.Server.Gateway.Configuration;

/// <summary>A model name or a glob over model names (<c>*</c> any run of characters, <c>?</c> one character).</summary>
internal sealed record ModelPattern
{
    private ModelPattern(string text, bool isExact)
    {
        Text = text;
        IsExact = isExact;
    }

    /// <summary>The pattern as written.</summary>
    public string Text { get; }

    /// <summary>Whether the pattern has no wildcard.</summary>
    public bool IsExact { get; }

    /// <summary>Parses a pattern.</summary>
    public static ModelPattern Parse(string text) =>
        new(text, text.AsSpan().IndexOfAny('*', '?') < 0);

    /// <summary>Whether a model name matches (ordinal, case-sensitive as model ids are).</summary>
    public bool IsMatch(string model) => IsExact ? string.Equals(Text, model, StringComparison.Ordinal) : Glob(Text, model);

    /// <summary>Iterative glob match with single backtracking point: linear in practice, no regex.</summary>
    internal static bool Glob(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
