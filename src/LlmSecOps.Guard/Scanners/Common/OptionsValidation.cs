namespace LlmSecOps.Guard.Scanners.Common;

/// <summary>Turns collected option errors into one start-up failure.</summary>
internal static class OptionsValidation
{
    /// <summary>Throws one exception listing every error, when there are any.</summary>
    public static void ThrowIfInvalid(IReadOnlyList<string> errors, string paramName)
    {
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, errors), paramName);
        }
    }
}
