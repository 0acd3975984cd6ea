using System.Reflection;

namespace LlmSecOps.Lint.Reporting;

/// <summary>Name and version written into reports.</summary>
internal static class ToolInfo
{
    public const string Name = "llmsecops";

    public static string Version { get; } =
        typeof(ToolInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
