namespace LlmSecOps.Lint.Tests.Support;

/// <summary>A fact that is skipped, with the reason, when the shared schemas folder (../shared/schemas) is absent.</summary>
public sealed class SharedSchemaFactAttribute : FactAttribute
{
    public SharedSchemaFactAttribute()
    {
        if (TestPaths.SharedSchemas is null)
        {
            Skip = $"shared schemas folder (../shared/schemas/sarif-schema-2.1.0.json) not found next to {TestPaths.RepoRoot} or its parents";
        }
    }
}
