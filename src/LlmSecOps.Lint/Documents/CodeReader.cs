using LlmSecOps.Lint.Code;

namespace LlmSecOps.Lint.Documents;

/// <summary>Reads a Python, C# or TypeScript/JavaScript file that uses an LLM.</summary>
internal static class CodeReader
{
    public static void Read(LintDocument doc, CodeLanguage language)
    {
        var text = doc.Source.Text;
        var relevant = false;
        foreach (var indicator in CodeNames.LlmIndicators)
        {
            if (text.Contains(indicator, StringComparison.Ordinal))
            {
                relevant = true;
                break;
            }
        }

        if (!relevant && !CodeNames.LooksLikeModelOutput(text))
        {
            return;
        }

        var code = CodeFile.Parse(language, text);
        doc.Code = code;
        new CodePromptExtractor(code, doc).Run();
        var sinks = new OutputSinkChecker(code, doc);
        sinks.Run();
        new CodeInventory(code, doc).Run();
        doc.IsLlmRelevant = doc.Units.Count > 0 || doc.Tools.Count > 0 || sinks.SawLlmCall || doc.Models.Count > 0
            || doc.Parameters.Count > 0 || doc.Endpoints.Any(static e => e.Role == EndpointRole.Upstream) || doc.Findings.Count > 0;
    }
}
