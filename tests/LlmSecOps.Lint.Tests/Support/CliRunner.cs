using LlmSecOps.Cli;

namespace LlmSecOps.Lint.Tests.Support;

/// <summary>Runs the real command line in process with captured output.</summary>
internal static class CliRunner
{
    public static async Task<(int Exit, string Out, string Error)> RunAsync(string workingDirectory, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var io = new CliIo(new StringReader(string.Empty), stdout, stderr, InputRedirected: false, OutputIsTerminal: false)
        {
            WorkingDirectory = workingDirectory,
        };
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var exit = await CliApp.RunAsync(args, io, cts.Token).WaitAsync(TimeSpan.FromSeconds(90));
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
