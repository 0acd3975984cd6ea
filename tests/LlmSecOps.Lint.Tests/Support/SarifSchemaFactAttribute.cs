namespace LlmSecOps.Lint.Tests.Support;

/// <summary>
/// A fact that needs the OASIS SARIF 2.1.0 schema. It is skipped, with the reason shown in the
/// test report, only when neither <c>LLMSECOPS_SARIF_SCHEMA</c> nor ../shared/schemas is there;
/// a path that is set but wrong still fails.
/// </summary>
internal sealed class SarifSchemaFactAttribute : FactAttribute
{
    public SarifSchemaFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("LLMSECOPS_SARIF_SCHEMA")) && TestPaths.SharedSchemas is null)
        {
            Skip = "the SARIF 2.1.0 schema is absent (../shared/schemas/sarif-schema-2.1.0.json next to the repository, or LLMSECOPS_SARIF_SCHEMA); SARIF validation cannot run";
        }
    }
}
