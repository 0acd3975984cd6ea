using System.Text.RegularExpressions;

namespace LlmSecOps.Lint.Checks;

/// <summary>Recognises model identifiers and whether they name a pinned snapshot or a moving alias.</summary>
internal static partial class ModelNames
{
    /// <summary>Whether the string reads as the id of a hosted or open-weights language model.</summary>
    public static bool IsModelLike(string s) => s.Length is > 1 and < 120 && !s.EndsWith('-') && !s.Contains(' ', StringComparison.Ordinal) && FamilyRegex().IsMatch(s);

    /// <summary>A reason when the id is a moving alias; null when it is pinned or not a known family.</summary>
    public static string? UnpinnedReason(string name)
    {
        var s = name.Trim();
        var lower = s.ToLowerInvariant();
        if (!IsModelLike(s) || lower.Contains("embedding", StringComparison.Ordinal) || lower.Contains("whisper", StringComparison.Ordinal) || lower.Contains("tts", StringComparison.Ordinal) || lower.Contains("dall-e", StringComparison.Ordinal))
        {
            return null;
        }

        if (lower.EndsWith(":latest", StringComparison.Ordinal) || lower.EndsWith("-latest", StringComparison.Ordinal) || lower.Contains("-latest-", StringComparison.Ordinal) || lower == "latest")
        {
            return $"'{s}' follows the 'latest' tag";
        }

        var bare = lower.Contains('/', StringComparison.Ordinal) ? lower[(lower.LastIndexOf('/') + 1)..] : lower;
        if (bare.StartsWith("gpt-", StringComparison.Ordinal) || bare.StartsWith("chatgpt-", StringComparison.Ordinal) || OpenAiReasoningRegex().IsMatch(bare))
        {
            return OpenAiSnapshotRegex().IsMatch(bare) ? null : $"'{s}' is an alias the provider re-points; use a dated snapshot such as '{s}-2024-08-06'";
        }

        if (bare.StartsWith("claude-", StringComparison.Ordinal) || bare.StartsWith("anthropic.claude", StringComparison.Ordinal))
        {
            return EightDigitDateRegex().IsMatch(bare) ? null : $"'{s}' is an alias the provider re-points; use a dated snapshot such as 'claude-3-5-sonnet-20241022'";
        }

        if (bare.StartsWith("gemini-", StringComparison.Ordinal))
        {
            return GeminiVersionRegex().IsMatch(bare) ? null : $"'{s}' is an alias the provider re-points; use a numbered version such as '{s}-002'";
        }

        if (bare.StartsWith("mistral-", StringComparison.Ordinal) || bare.StartsWith("codestral", StringComparison.Ordinal) || bare.StartsWith("pixtral", StringComparison.Ordinal) || bare.StartsWith("ministral", StringComparison.Ordinal))
        {
            return FourDigitVersionRegex().IsMatch(bare) ? null : $"'{s}' is an alias the provider re-points; use a versioned id such as 'mistral-large-2411'";
        }

        if (bare.StartsWith("command-r", StringComparison.Ordinal) || bare.StartsWith("command-a", StringComparison.Ordinal))
        {
            return CohereDateRegex().IsMatch(bare) ? null : $"'{s}' is an alias the provider re-points; use a dated id such as 'command-r-08-2024'";
        }

        return null;
    }

    [GeneratedRegex(@"^(?:[\w.\-]+/)?(?:gpt-(?:\d|oss|image)|chatgpt-\d|o[1-9](?:-(?:mini|pro|preview|\d{4}))*(?:$|-)|text-davinci-\d|(?:anthropic\.)?claude-(?:\d|instant|opus|sonnet|haiku)|gemini-(?:\d|pro|flash|ultra|nano|exp)|(?:open-)?mistral-(?:large|medium|small|tiny|nemo|saba|embed|moderation|\d)|mixtral-\d|codestral-|pixtral-|ministral-\d|command-(?:r|a)(?:$|[-+\d])|llama-?\d|meta-llama/|gemma-?\d|qwen\d|qwen-|phi-?\d|deepseek-|grok-\d)[\w.:@\-]*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
        private static partial Regex FamilyRegex();

    [GeneratedRegex(@"^o[1-9](?:-(?:mini|pro|preview))*(?:-\d{4}-\d{2}-\d{2})?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex OpenAiReasoningRegex();

    [GeneratedRegex(@"-(?:\d{4}-\d{2}-\d{2}|\d{4})(?:$|-)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex OpenAiSnapshotRegex();

    [GeneratedRegex(@"(?:^|[-@])\d{8}(?:$|[-:v])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex EightDigitDateRegex();

    [GeneratedRegex(@"-(?:\d{3}|exp-\d{4}|(?:preview|exp)-\d{2}-\d{2})$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex GeminiVersionRegex();

    [GeneratedRegex(@"-\d{4}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex FourDigitVersionRegex();

    [GeneratedRegex(@"-\d{2}-\d{4}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex CohereDateRegex();
}
