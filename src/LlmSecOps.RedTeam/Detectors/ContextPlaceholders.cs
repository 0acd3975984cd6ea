namespace LlmSecOps.RedTeam.Detectors;

/// <summary>Fills <c>{{marker}}</c>, <c>{{canary}}</c> and <c>{{secret}}</c> in detector parameters from the attempt.</summary>
internal static class ContextPlaceholders
{
    public static bool HasAny(string text) => text.Contains("{{", StringComparison.Ordinal);

    public static string Fill(string text, DetectorContext context)
    {
        if (!HasAny(text))
        {
            return text;
        }

        return text
            .Replace("{{marker}}", context.Marker ?? "\u0000no-marker", StringComparison.Ordinal)
            .Replace("{{canary}}", context.Canaries.Count > 0 ? context.Canaries[0] : "\u0000no-canary", StringComparison.Ordinal)
            .Replace("{{secret}}", context.Secrets.Count > 0 ? context.Secrets[0] : "\u0000no-secret", StringComparison.Ordinal);
    }
}
