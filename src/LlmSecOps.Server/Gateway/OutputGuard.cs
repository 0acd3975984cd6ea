using System.Globalization;
using System.Text.Json.Nodes;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Guard;
using LlmSecOps.Server.Gateway.Http;
using LlmSecOps.Server.Gateway.Tools;

namespace LlmSecOps.Server.Gateway;

/// <summary>Judges a whole completion message: text, refusal, tool calls, entropy.</summary>
internal static class OutputGuard
{
    /// <summary>Scans one choice's message in place (redactions are applied to it); returns whether it changed.</summary>
    public static async ValueTask<bool> ScanMessageAsync(ChatContext c, JsonObject message, int choiceIndex)
    {
        var modified = false;
        switch (message.Prop("content"))
        {
            case JsonValue v when v.Str() is { } raw:
                var text = JsonText.Clean(raw);
                var r = await ScanTextAsync(c, text, choiceIndex).ConfigureAwait(false);
                if (r.Redacted || !ReferenceEquals(text, raw))
                {
                    message["content"] = JsonText.Clean(r.Text);
                    modified = true;
                }

                break;
            case JsonArray parts:
                foreach (var p in parts)
                {
                    if (p is JsonObject part && part.Prop("text").Str() is { } rawPart)
                    {
                        var partText = JsonText.Clean(rawPart);
                        var pr = await ScanTextAsync(c, partText, choiceIndex).ConfigureAwait(false);
                        if (pr.Redacted || !ReferenceEquals(partText, rawPart))
                        {
                            part["text"] = JsonText.Clean(pr.Text);
                            modified = true;
                        }
                    }
                }

                break;
        }

        if (message.Prop("refusal").Str() is { Length: > 0 } rawRefusal)
        {
            var refusal = JsonText.Clean(rawRefusal);
            var rr = await ScanTextAsync(c, refusal, choiceIndex).ConfigureAwait(false);
            if (rr.Redacted || !ReferenceEquals(refusal, rawRefusal))
            {
                message["refusal"] = JsonText.Clean(rr.Text);
                modified = true;
            }
        }

        if (message.Prop("tool_calls") is JsonArray calls)
        {
            foreach (var callNode in calls)
            {
                if (callNode.Prop("function") is JsonObject function)
                {
                    modified |= await CheckFunctionAsync(c, function, choiceIndex).ConfigureAwait(false);
                }
                else if (callNode.Prop("custom") is JsonObject custom)
                {
                    modified |= await CheckFunctionAsync(c, custom, choiceIndex, argumentsField: "input").ConfigureAwait(false);
                }
                else
                {
                    c.Exchange.AddFindings(ToolGate.CheckCall(null, null, c.Tools, c.Exchange.Principal?.Roles ?? [], c.Offered, ToolAction(c), choiceIndex));
                }
            }
        }

        if (message.Prop("function_call") is JsonObject legacy)
        {
            modified |= await CheckFunctionAsync(c, legacy, choiceIndex).ConfigureAwait(false);
        }

        return modified;
    }

    /// <summary>Checks a tool call (name, arguments) and scans its arguments as completion text.</summary>
    public static async ValueTask<bool> CheckFunctionAsync(ChatContext c, JsonObject function, int choiceIndex, string argumentsField = "arguments")
    {
        var name = function.Prop("name").Str() is { } rawName ? JsonText.Clean(rawName) : null;
        var rawArguments = function.Prop(argumentsField).Str();
        var arguments = rawArguments is null ? null : JsonText.Clean(rawArguments);
        CheckToolCall(c, name, arguments, choiceIndex);
        if (string.IsNullOrEmpty(arguments))
        {
            return false;
        }

        var r = await ScanTextAsync(c, arguments, choiceIndex).ConfigureAwait(false);
        if (r.Redacted || !ReferenceEquals(arguments, rawArguments))
        {
            function[argumentsField] = JsonText.Clean(r.Text);
            return true;
        }

        return false;
    }

    /// <summary>Records the call and its policy findings.</summary>
    public static void CheckToolCall(ChatContext c, string? name, string? arguments, int choiceIndex)
    {
        var ex = c.Exchange;
        (ex.ToolsCalled ??= []).Add(name is null ? "(unnamed)" : ChatCompletionsHandler.Truncate(name, 64));
        ex.AddFindings(ToolGate.CheckCall(name, arguments, c.Tools, ex.Principal?.Roles ?? [], c.Offered, ToolAction(c), choiceIndex));
    }

    /// <summary>Scans completion text with the system prompt and canaries of the exchange.</summary>
    public static async ValueTask<GuardResult> ScanTextAsync(ChatContext c, string text, int choiceIndex, bool withSystemPrompt = true, int findingOffset = 0)
    {
        var ex = c.Exchange;
        var result = await c.Runtime.Engine.ScanAsync(
            new ScanRequest
            {
                Direction = Direction.Output,
                Text = text,
                Role = "assistant",
                Principal = ex.Principal,
                SystemPrompt = withSystemPrompt ? ex.SystemPrompt : null,
                Canaries = c.Canaries,
                MessageIndex = choiceIndex,
                Vault = ex.Vault,
            },
            c.Http.RequestAborted).ConfigureAwait(false);
        ex.AddFindings(result.Findings, findingOffset);
        return result;
    }

    /// <summary>Flags the completion when its mean token entropy is over the policy threshold.</summary>
    public static void CheckEntropy(ChatContext c)
    {
        var ex = c.Exchange;
        var threshold = c.Runtime.Policy.Logprobs.EntropyThreshold;
        var action = c.Runtime.Policy.Output.For(FindingCategories.Entropy);
        if (threshold <= 0 || action == PolicyAction.Off || ex.Logprobs?.Mean is not { } mean || mean <= threshold)
        {
            return;
        }

        ex.AddFindings([new Finding
        {
            Category = FindingCategories.Entropy,
            Rule = "entropy.mean_over_threshold",
            Score = Math.Min(1, mean / (2 * threshold) + 0.5),
            Severity = Severity.Low,
            Action = action,
            Message = string.Create(CultureInfo.InvariantCulture, $"mean token entropy {mean:0.###} nats over the threshold {threshold:0.###} ({ex.Logprobs.Counted} tokens)"),
        }]);
    }

    /// <summary>Puts request placeholders back in a message's text and tool arguments.</summary>
    public static bool Restore(JsonObject message, PlaceholderRestorer restorer)
    {
        var changed = false;
        if (message.Prop("content").Str() is { } text)
        {
            var restored = restorer.Restore(text);
            if (!ReferenceEquals(restored, text))
            {
                message["content"] = JsonText.Clean(restored);
                changed = true;
            }
        }
        else if (message.Prop("content") is JsonArray parts)
        {
            foreach (var p in parts)
            {
                if (p is JsonObject part && part.Prop("text").Str() is { } t)
                {
                    var restored = restorer.Restore(t);
                    if (!ReferenceEquals(restored, t))
                    {
                        part["text"] = JsonText.Clean(restored);
                        changed = true;
                    }
                }
            }
        }

        if (message.Prop("tool_calls") is JsonArray calls)
        {
            foreach (var call in calls)
            {
                if (call.Prop("function") is JsonObject f && f.Prop("arguments").Str() is { } args)
                {
                    var restored = restorer.Restore(args);
                    if (!ReferenceEquals(restored, args))
                    {
                        f["arguments"] = JsonText.Clean(restored);
                        changed = true;
                    }
                }
            }
        }

        return changed;
    }

    /// <summary>Removes log-probabilities the client did not ask for, or trims alternatives to what it asked.</summary>
    public static bool AdjustLogprobs(ChatContext c, JsonObject choice)
    {
        if (!c.LogprobsInjected || choice.Prop("logprobs") is not JsonObject logprobs)
        {
            return false;
        }

        if (!c.ClientWantsLogprobs)
        {
            choice["logprobs"] = null;
            return true;
        }

        TrimTop(logprobs.Prop("content"), c.ClientTopLogprobs ?? 0);
        TrimTop(logprobs.Prop("refusal"), c.ClientTopLogprobs ?? 0);
        return true;
    }

    /// <summary>Cuts every <c>top_logprobs</c> list in a <c>logprobs.content</c> array down to <paramref name="keep"/>.</summary>
    public static void TrimTop(JsonNode? content, int keep)
    {
        if (content is not JsonArray entries)
        {
            return;
        }

        foreach (var e in entries)
        {
            if (e.Prop("top_logprobs") is JsonArray top)
            {
                while (top.Count > keep)
                {
                    top.RemoveAt(top.Count - 1);
                }
            }
        }
    }

    /// <summary>The verdict of a set of findings.</summary>
    public static Verdict VerdictOf(IReadOnlyList<Finding> findings)
    {
        var v = Verdict.Allow;
        foreach (var f in findings)
        {
            var fv = GuardEngine.ToVerdict(f.Action);
            if (fv > v)
            {
                v = fv;
            }
        }

        return v;
    }

    private static PolicyAction ToolAction(ChatContext c) => c.Runtime.Policy.Output.For(FindingCategories.ToolViolation);
}
