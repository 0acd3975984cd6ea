using System.CommandLine;
using LlmSecOps.Core.Policy;

namespace LlmSecOps.Cli.Commands;

/// <summary>Options several commands share, and their parsing.</summary>
internal static class CommonOptions
{
    public static Option<string?> Policy() => new("--policy")
    {
        Description = "Policy YAML file (default: the built-in policy).",
    };

    public static Option<string?> DataDir() => new("--data-dir")
    {
        Description = "Directory holding the SQLite event store (default: ./.llmsecops).",
    };

    /// <summary>Loads the policy named by the option, or the default policy.</summary>
    public static GuardPolicy LoadPolicy(CliIo io, string? path) =>
        string.IsNullOrWhiteSpace(path) ? GuardPolicy.Default : PolicyLoader.LoadFile(io.ResolvePath(path));

    /// <summary>The data directory named by the option, or the default one.</summary>
    public static string ResolveDataDir(CliIo io, string? path) =>
        io.ResolvePath(string.IsNullOrWhiteSpace(path) ? ".llmsecops" : path);
}
