namespace LlmSecOps.Guard.Tests;

/// <summary>A fact that needs the shared datasets and is skipped, with the reason, where they are absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class DatasetFactAttribute : FactAttribute
{
    public DatasetFactAttribute()
    {
        if (DatasetsFolder.Dev is null)
        {
            Skip = "shared datasets not found (set LLMSECOPS_DATASETS or place them at ../shared/datasets)";
        }
    }
}
