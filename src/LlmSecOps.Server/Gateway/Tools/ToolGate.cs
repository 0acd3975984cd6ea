using System.Text.Json.Nodes;
using LlmSecOps.Core.Policy;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Server.Gateway.Http;

namespace LlmSecOps.Server.Gateway.Tools;

/// <summary>
/// Applies the tool policy to a chat request (tools the caller may not use are removed, and
/// <c>tool_choice</c> is fixed up) and to the tool calls in a completion (a call naming a tool that
/// is not allowed, was never offered, or whose arguments break the constraints is a violation).
/// </summary>
internal static class ToolGate
{
    /// <summary>
    /// Removes tools the caller may not use from <c>tools</c> (and the legacy <c>functions</c>).
    /// Returns the names still offered and the names removed.
    /// </summary>
    public static (List<string> Offered, List<string> Removed) FilterRequest(JsonObject body, ToolPolicy policy, IReadOnlyList<string> roles)
    {
        var offered = new List<string>();
        var removed = new List<string>();
        if (body["tools"] is JsonArray tools)
        {
            for (var i = tools.Count - 1; i >= 0; i--)
            {
                var name = FunctionName(tools[i]);
                if (name is not null && policy.IsAllowed(name, roles))
                {
                    offered.Insert(0, name);
                }
                else
                {
                    removed.Insert(0, name ?? "(unnamed)");
                    tools.RemoveAt(i);
                }
            }

            if (tools.Count == 0 && removed.Count > 0)
            {
                body.Remove("tools");
                body.Remove("parallel_tool_calls");
                body.Remove("tool_choice");
            }
            else if (body["tool_choice"] is JsonObject choice &&
                     choice.Prop("function").Prop("name").Str() is { } forcedTool &&
                     !offered.Contains(forcedTool))
            {
                // The forced tool is gone; let the model choose among what is left.
                body["tool_choice"] = "auto";
            }
        }

        if (body["functions"] is JsonArray functions)
        {
            for (var i = functions.Count - 1; i >= 0; i--)
            {
                var name = functions[i].Prop("name").Str() is { } raw ? JsonText.Clean(raw) : null;
                if (name is not null && policy.IsAllowed(name, roles))
                {
                    offered.Add(name);
                }
                else
                {
                    removed.Add(name ?? "(unnamed)");
                    functions.RemoveAt(i);
                }
            }

            if (functions.Count == 0)
            {
                body.Remove("functions");
                body.Remove("function_call");
            }
            else if (body["function_call"].Prop("name").Str() is { } forced && !offered.Contains(forced))
            {
                body["function_call"] = "auto";
            }
        }

        return (offered, removed);
    }

    /// <summary>The findings for one tool call in a completion; empty when it is acceptable.</summary>
    public static List<Finding> CheckCall(string? name, string? arguments, ToolPolicy policy, IReadOnlyList<string> roles, IReadOnlyCollection<string> offered, PolicyAction action, int choiceIndex)
    {
        var findings = new List<Finding>();
        if (action == PolicyAction.Off)
        {
            return findings;
        }

        if (string.IsNullOrEmpty(name))
        {
            findings.Add(Violation("tool.unnamed", "the completion calls a tool without a name", action, choiceIndex));
            return findings;
        }

        var safeName = name.Length > 64 ? name[..64] + "…" : name;
        if (!offered.Contains(name))
        {
            findings.Add(Violation("tool.out_of_band", $"the completion calls '{safeName}', which was not offered to the model", action, choiceIndex, safeName));
        }
        else if (!policy.IsAllowed(name, roles))
        {
            findings.Add(Violation("tool.not_allowed", $"the completion calls '{safeName}', which this caller may not use", action, choiceIndex, safeName));
        }

        foreach (var problem in ToolArgumentValidator.Validate(policy, name, arguments))
        {
            findings.Add(Violation("tool.argument_constraint", problem, action, choiceIndex, safeName));
        }

        return findings;
    }

    /// <summary>The finding recorded when a tool is removed from a request.</summary>
    public static Finding Stripped(string name) => new()
    {
        Category = FindingCategories.ToolViolation,
        Rule = "tool.stripped",
        Severity = Severity.Low,
        Message = $"tool '{(name.Length > 64 ? name[..64] + "…" : name)}' is not allowed for this caller and was removed from the request",
        Evidence = name.Length > 64 ? name[..64] : name,
        Action = PolicyAction.Flag,
    };

    private static Finding Violation(string rule, string message, PolicyAction action, int choiceIndex, string? evidence = null) => new()
    {
        Category = FindingCategories.ToolViolation,
        Rule = rule,
        Severity = Severity.High,
        Message = message,
        Evidence = evidence,
        Action = action,
        MessageIndex = choiceIndex,
    };

    /// <summary>The name of a tool definition (<c>function.name</c>, or <c>custom.name</c> for custom tools).</summary>
    public static string? FunctionName(JsonNode? tool) =>
        (tool.Prop("function").Prop("name").Str() ?? tool.Prop("custom").Prop("name").Str() ?? tool.Prop("name").Str()) is { } name ? JsonText.Clean(name) : null;
}
