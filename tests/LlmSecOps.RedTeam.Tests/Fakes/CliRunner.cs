using LlmSecOps.Cli;

namespace LlmSecOps.RedTeam.Tests;

/// <summary>Runs the llmsecops command line in process with captured output.</summary>
internal static class CliRunner
{
    public static async Task<(int Exit, string Out, string Err)> RunAsync(string[] args, string? workingDirectory = null, Func<string, string?>? env = null, TimeSpan? timeout = null)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var io = new CliIo(TextReader.Null, stdout, stderr, InputRedirected: false, OutputIsTerminal: false)
        {
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
            GetEnvironmentVariable = env ?? (_ => null),
        };
        var exit = await CliApp.RunAsync(args, io).WaitAsync(timeout ?? TimeSpan.FromSeconds(90));
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
