namespace LlmSecOps.Guard.Scanners.Common;

/// <summary>
/// Safe-to-show forms of sensitive values for <c>Finding.Evidence</c>: enough to recognise which
/// credential or record it was, never enough to use it.
/// </summary>
internal static class Masking
{
    private const char Ellipsis = '\u2026';

    /// <summary>
    /// Shows at most four characters at each end, and fewer for shorter values so that at most
    /// about a third of the value is ever visible; values under eight characters show nothing.
    /// </summary>
    public static string Mask(ReadOnlySpan<char> value)
    {
        var keep = value.Length switch
        {
            >= 24 => 4,
            >= 16 => 3,
            >= 12 => 2,
            >= 8 => 1,
            _ => 0,
        };
        if (keep == 0)
        {
            return $"{Ellipsis}({value.Length} chars)";
        }

        return string.Concat(value[..keep], Ellipsis.ToString(), value[^keep..]);
    }

    /// <summary>Shows the last four digits of a card or account number.</summary>
    public static string LastDigits(ReadOnlySpan<char> digits, int count = 4)
    {
        return digits.Length <= count * 2
            ? $"{Ellipsis}({digits.Length} digits)"
            : string.Concat(Ellipsis.ToString(), digits[^count..]);
    }

    /// <summary>Cuts a non-sensitive text to a readable length.</summary>
    public static string Truncate(string value, int max = 80) =>
        value.Length <= max ? value : string.Concat(value.AsSpan(0, max - 1), Ellipsis.ToString());
}
