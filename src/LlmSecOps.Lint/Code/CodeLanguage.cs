namespace LlmSecOps.Lint.Code;

/// <summary>Source languages whose prompt strings and model-output handling are checked.</summary>
internal enum CodeLanguage
{
    Python,
    CSharp,
    TypeScript,
}
