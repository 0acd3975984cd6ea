using LlmSecOps.Lint.Code;
using LlmSecOps.Lint.Documents;

namespace LlmSecOps.Lint.Discovery;

/// <summary>A file chosen for linting, how it will be read, and whether the user named it directly.</summary>
internal sealed record DiscoveredFile(string FullPath, string RelativePath, DocumentKind Kind, CodeLanguage? Language, bool Explicit)
{
    /// <summary>The path relative to the configuration's directory (the project being linted), for path conventions such as test folders.</summary>
    public string? ProjectPath { get; init; }
}
