using System.Text;
using LlmSecOps.Core.Policy;
using LlmSecOps.Guard;

namespace LlmSecOps.Cli.Tests;

/// <summary>Runs <see cref="CliApp"/> in process with captured streams, in a temporary working directory.</summary>
internal sealed class CliRunner : IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("llmsecops-cli-").FullName;

    /// <summary>Engine factory; null uses the built-in scanners.</summary>
    public Func<GuardPolicy, GuardEngine>? Engine { get; set; }

    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public async Task<CliResult> RunAsync(params string[] args) => await RunWithInputAsync(null, args);

    public async Task<CliResult> RunWithInputAsync(string? stdin, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var io = new CliIo(new StringReader(stdin ?? string.Empty), output, error, InputRedirected: stdin is not null, OutputIsTerminal: false)
        {
            WorkingDirectory = Directory,
            Time = Clock,
        };
        if (Engine is not null)
        {
            io = io with { CreateEngine = Engine };
        }

        var code = await CliApp.RunAsync(args, io).WaitAsync(Timeout);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    public string WriteFile(string name, string content) => WriteFile(name, Encoding.UTF8.GetBytes(content));

    public string WriteFile(string name, byte[] content)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is not a test failure.
        }
    }
}

/// <summary>Exit code and captured output of one run.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";
}

/// <summary>A clock that stands still until moved.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}
