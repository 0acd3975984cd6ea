namespace LlmSecOps.Core.Scanning;

/// <summary>A range of UTF-16 code units in the original (not normalised) text.</summary>
/// <param name="Start">Offset of the first code unit.</param>
/// <param name="Length">Number of code units.</param>
public readonly record struct TextSpan(int Start, int Length)
{
    /// <summary>Offset one past the last code unit.</summary>
    public int End => Start + Length;

    /// <summary>Creates a span from its start and end offsets.</summary>
    public static TextSpan FromBounds(int start, int end) => new(start, end - start);

    /// <summary>Whether the two spans share at least one code unit.</summary>
    public bool Overlaps(TextSpan other) => Start < other.End && other.Start < End;
}
