using LlmSecOps.Lint.Code;

namespace LlmSecOps.Lint.Documents;

/// <summary>Reads a Python, C# or TypeScript/JavaScript file that uses an LLM.</summary>
internal static class CodeReader
{
    private static readonly HashSet<string> TestFolders = new(StringComparer.OrdinalIgnoreCase) { "test", "tests", "__tests__", "spec", "specs" };

    public static void Read(LintDocument doc, CodeLanguage language, string projectPath)
    {
        if (IsTestSource(projectPath))
        {
            // Test code does not ship: its prompts, keys and model calls are fixtures that exercise
            // the application, often deliberately bad ones.
            return;
        }

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

    /// <summary>
    /// Whether a source file is test code by the usual conventions: a <c>test</c>/<c>tests</c>/
    /// <c>__tests__</c>/<c>spec</c> folder, a <c>*.Tests</c> project folder, or a test file name
    /// (<c>test_*.py</c>, <c>*_test.py</c>, <c>conftest.py</c>, <c>*Tests.cs</c>, <c>*.test.ts</c>, <c>*.spec.ts</c>).
    /// </summary>
    public static bool IsTestSource(string relativePath)
    {
        var segments = relativePath.Split('/');
        for (var i = 0; i < segments.Length - 1; i++)
        {
            var dir = segments[i];
            if (TestFolders.Contains(dir) || dir.EndsWith(".Tests", StringComparison.OrdinalIgnoreCase) || dir.EndsWith(".UnitTests", StringComparison.OrdinalIgnoreCase)
                || dir.EndsWith(".IntegrationTests", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        var name = segments[^1];
        var stem = name.Contains('.', StringComparison.Ordinal) ? name[..name.LastIndexOf('.')] : name;
        return name.StartsWith("test_", StringComparison.Ordinal) || stem.EndsWith("_test", StringComparison.Ordinal) || name == "conftest.py"
            || (name.EndsWith(".cs", StringComparison.Ordinal) && (stem.EndsWith("Tests", StringComparison.Ordinal) || stem.EndsWith("Test", StringComparison.Ordinal)))
            || stem.EndsWith(".test", StringComparison.Ordinal) || stem.EndsWith(".spec", StringComparison.Ordinal);
    }
}
