using LlmSecOps.Core.Policy;
using LlmSecOps.Guard;

namespace LlmSecOps.Cli;

/// <summary>
/// The streams a command reads and writes. Commands never touch <see cref="Console"/> directly,
/// so tests run them in process with captured output.
/// </summary>
internal sealed record CliIo(TextReader In, TextWriter Out, TextWriter Error, bool InputRedirected, bool OutputIsTerminal)
{
    /// <summary>Directory relative paths are resolved against.</summary>
    public string WorkingDirectory { get; init; } = Environment.CurrentDirectory;

    /// <summary>Environment variable lookup (replaceable in tests).</summary>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Clock for relative times (<c>--since 2h</c>) and event timestamps (replaceable in tests).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Builds the guard engine for a policy (replaceable in tests, e.g. with a fixed scanner).</summary>
    public Func<GuardPolicy, GuardEngine> CreateEngine { get; init; } = static policy => GuardEngine.Create(policy);

    /// <summary>The process's console streams.</summary>
    public static CliIo FromConsole() =>
        new(Console.In, Console.Out, Console.Error, Console.IsInputRedirected, !Console.IsOutputRedirected);

    /// <summary>Resolves a path given on the command line.</summary>
    public string ResolvePath(string path) => Path.GetFullPath(path, WorkingDirectory);
}
