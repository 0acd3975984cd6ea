namespace LlmSecOps.Lint.Checks;

/// <summary>
/// Recognises settings that switch a safety control off, from a key and the text of its value.
/// Shared by the configuration walker and the source-code checks, so <c>safe_mode: false</c> in
/// YAML and <c>safe_mode=False</c> in Python read the same.
/// </summary>
internal static class SafetyFlags
{
    /// <summary>A message when the key/value pair disables a control; null otherwise.</summary>
    public static string? Check(string key, string value)
    {
        var k = Normalize(key);
        var v = value.Trim().Trim('"', '\'').Trim();
        var truthy = IsTruthy(v);
        var falsy = IsFalsy(v);

        if (v.EndsWith("BLOCK_NONE", StringComparison.Ordinal) || (k.Contains("threshold", StringComparison.Ordinal) && k.Contains("harm", StringComparison.Ordinal) && v.EndsWith("OFF", StringComparison.Ordinal)))
        {
            return $"'{key}' is {v}: the provider's safety filter for this harm category is switched off";
        }

        if (k.Length == 0)
        {
            return null;
        }

        if (k.Contains("dangerouslysetinnerhtml", StringComparison.Ordinal))
        {
            return null;
        }

        if ((k.StartsWith("allowdangerous", StringComparison.Ordinal) || k.Contains("dangerously", StringComparison.Ordinal)) && truthy)
        {
            return $"'{key}' is {v}: a deliberately dangerous capability is switched on";
        }

        if (k is "trustremotecode" && truthy)
        {
            return $"'{key}' is {v}: code shipped with the model repository runs on load";
        }

        if (k is "safemode" or "safeprompt" or "safetymode" or "safetychecker" or "safetycheck" or "safetyfilter" or "safetyfilters" or "enablesafetychecker" && falsy)
        {
            return $"'{key}' is {v}: the safety mode is switched off";
        }

        if (k.Contains("moderation", StringComparison.Ordinal) && (falsy || v.Equals("disabled", StringComparison.OrdinalIgnoreCase)))
        {
            return $"'{key}' is {v}: content moderation is switched off";
        }

        if (k is "guardrails" or "enableguardrails" or "guardrailsenabled" or "useguardrails" or "contentfilter" or "contentfiltering" or "enablecontentfilter" or "contentsafety" or "sandbox" or "sandboxed" or "usesandbox" or "usedocker" && falsy)
        {
            return $"'{key}' is {v}: a guardrail or sandbox is switched off";
        }

        if (k is "requireapproval" && v.Equals("never", StringComparison.OrdinalIgnoreCase))
        {
            return $"'{key}' is never: tool calls run without human approval";
        }

        if (k is "autoapprove" or "autoapproveall" or "skippermissions" or "yolo" or "bypasspermissions" && truthy)
        {
            return $"'{key}' is {v}: tool calls run without human approval";
        }

        if (k is "humanintheloop" or "requireconfirmation" or "requirehumanapproval" or "confirmtoolcalls" && falsy)
        {
            return $"'{key}' is {v}: tool calls run without human approval";
        }

        return null;
    }

    /// <summary>Whether a command-line string switches a control off (e.g. <c>--dangerously-skip-permissions</c>).</summary>
    public static string? CheckArgument(string text)
    {
        var i = text.IndexOf("--dangerously-", StringComparison.Ordinal);
        if (i >= 0)
        {
            var end = i + 2;
            while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '-'))
            {
                end++;
            }

            if (end > i + "--dangerously-".Length)
            {
                return $"'{text[i..end]}' switches a safety control off";
            }
        }

        return null;
    }

    public static string Normalize(string key)
    {
        Span<char> buffer = stackalloc char[Math.Min(key.Length, 128)];
        var n = 0;
        foreach (var c in key)
        {
            if (n >= buffer.Length)
            {
                break;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                buffer[n++] = char.ToLowerInvariant(c);
            }
        }

        return new string(buffer[..n]);
    }

    public static bool IsTruthy(string v) => v is "true" or "True" or "TRUE" or "1" or "yes" or "on" or "Yes" or "On";

    public static bool IsFalsy(string v) => v is "false" or "False" or "FALSE" or "0" or "no" or "off" or "No" or "Off" or "None" or "none" or "null" or "nil" or "disabled" or "Disabled";
}
