using LlmSecOps.Lint.Code;
using LlmSecOps.Lint.Documents;

namespace LlmSecOps.Lint.Discovery;

/// <summary>A file chosen for linting, how it will be read, and whether the user named it directly.</summary>
internal sealed record DiscoveredFile(string FullPath, string RelativePath, DocumentKind Kind, CodeLanguage? Language, bool Explicit);
