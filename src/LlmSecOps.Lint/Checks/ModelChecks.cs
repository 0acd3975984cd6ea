using System.Globalization;
using LlmSecOps.Lint.Diagnostics;

namespace LlmSecOps.Lint.Checks;

/// <summary>Rules over models and sampling parameters: unpinned models (LLM022), no token limit (LLM023), high temperature with JSON output (LLM024).</summary>
internal static class ModelChecks
{
    public static void Run(CheckContext ctx)
    {
        var seen = new HashSet<int>();
        foreach (var model in ctx.Document.Models)
        {
            if (seen.Add(model.Start) && ModelNames.UnpinnedReason(model.Name) is { } reason)
            {
                ctx.Add(RuleIds.UnpinnedModel, model.Start, model.End, reason, model.Name);
            }
        }

        foreach (var p in ctx.Document.Parameters)
        {
            if (p.HasSamplingParameters && !p.HasMaxTokens)
            {
                ctx.Add(RuleIds.MaxTokensAbsent, p.Start, p.End, "sampling parameters are set but no output token limit (max_tokens or equivalent)", "max_tokens");
            }

            if (p.Temperature is > 1.0 && p.JsonOutput)
            {
                ctx.Add(
                    RuleIds.TemperatureWithJson,
                    p.TemperatureStart,
                    p.TemperatureEnd,
                    string.Create(CultureInfo.InvariantCulture, $"temperature {p.Temperature} is combined with JSON output; use 1.0 or less for structured output"),
                    "temperature");
            }
        }
    }
}
