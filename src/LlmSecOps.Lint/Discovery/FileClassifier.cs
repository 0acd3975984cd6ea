using LlmSecOps.Lint.Code;
using LlmSecOps.Lint.Config;
using LlmSecOps.Lint.Documents;

namespace LlmSecOps.Lint.Discovery;

/// <summary>
/// Decides from a file's name and place whether it is a prompt, an LLM configuration, a template
/// or source code, and how to read it. Text and Markdown files count as prompts only when their
/// name or folder says so (<c>*.prompt.md</c>, <c>system_prompt.txt</c>, <c>prompts/…</c>), when
/// a <c>prompts</c> glob in the configuration matches, or when named on the command line; README
/// files are never prompts by accident.
/// </summary>
internal static class FileClassifier
{
    private static readonly HashSet<string> SkippedJson = new(StringComparer.OrdinalIgnoreCase)
    {
        "package.json", "package-lock.json", "composer.json", "composer.lock", "tsconfig.json", "jsconfig.json", ".eslintrc.json",
        "launch.json", "settings.json", "extensions.json", "global.json", "project.assets.json", "packages.lock.json", "deno.json", "turbo.json",
        "renovate.json", ".prettierrc.json", "lerna.json", "nx.json", "angular.json", "vercel.json", "firebase.json", "manifest.json",
    };

    public static (DocumentKind Kind, CodeLanguage? Language)? Classify(string relativePath, bool isExplicit, IReadOnlyList<Glob> promptGlobs)
    {
        var name = Path.GetFileName(relativePath);
        var lower = name.ToLowerInvariant();
        var ext = Path.GetExtension(lower);
        switch (ext)
        {
            case ".prompty":
                return (DocumentKind.Prompty, null);
            case ".py" or ".pyw":
                return (DocumentKind.Code, CodeLanguage.Python);
            case ".cs" or ".csx":
                return lower.EndsWith(".designer.cs", StringComparison.Ordinal) || lower.EndsWith(".g.cs", StringComparison.Ordinal) ? null : (DocumentKind.Code, CodeLanguage.CSharp);
            case ".ts" or ".tsx" or ".js" or ".jsx" or ".mjs" or ".cjs" or ".mts" or ".cts":
                return lower.EndsWith(".d.ts", StringComparison.Ordinal) || lower.Contains(".min.", StringComparison.Ordinal) ? null : (DocumentKind.Code, CodeLanguage.TypeScript);
            case ".yaml" or ".yml":
                return lower is ".llmsecops.yaml" or ".llmsecops.yml" || lower.StartsWith("pnpm-lock", StringComparison.Ordinal) ? null : (DocumentKind.Yaml, null);
            case ".json" or ".jsonc" or ".json5":
                return SkippedJson.Contains(name) || lower.EndsWith(".lock.json", StringComparison.Ordinal) || lower.StartsWith("tsconfig", StringComparison.Ordinal) ? null : (DocumentKind.Json, null);
            case ".jinja" or ".jinja2" or ".j2":
                return (DocumentKind.Jinja, null);
            case ".html" or ".htm" or ".hbs" or ".handlebars" or ".mustache" or ".liquid":
                return (DocumentKind.ViewTemplate, null);
            case ".prompt":
                return (DocumentKind.TextPrompt, null);
            case ".txt" or ".md" or ".markdown" or ".tmpl" or ".tpl":
                if (isExplicit || IsPromptName(relativePath) || promptGlobs.Any(g => g.IsMatch(relativePath)))
                {
                    return (DocumentKind.TextPrompt, null);
                }

                return null;
            default:
                return null;
        }
    }

    private static bool IsPromptName(string relativePath)
    {
        var lower = relativePath.Replace('\\', '/').ToLowerInvariant();
        var name = Path.GetFileName(lower);
        if (name.StartsWith("readme", StringComparison.Ordinal) || name.StartsWith("changelog", StringComparison.Ordinal) || name.StartsWith("license", StringComparison.Ordinal) || name == "requirements.txt")
        {
            return false;
        }

        if (name.Contains("prompt", StringComparison.Ordinal) || name.Contains(".prompt.", StringComparison.Ordinal))
        {
            return true;
        }

        var parts = lower.Split('/');
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (parts[i] is "prompts" or "prompt" or "system_prompts" or "prompt_templates" or "prompt-templates")
            {
                return true;
            }
        }

        return false;
    }
}
