namespace LlmSecOps.Cli.Tests;

/// <summary>Runs the CLI in process in a given working directory, returning the exit code and both streams.</summary>
internal static class DirectoryCli
{
    public static async Task<(int Exit, string Out, string Error)> RunAsync(string workingDirectory, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var io = new CliIo(TextReader.Null, output, error, InputRedirected: false, OutputIsTerminal: false) { WorkingDirectory = workingDirectory };
        var exit = await CliApp.RunAsync(args, io).WaitAsync(TimeSpan.FromMinutes(2));
        return (exit, output.ToString(), error.ToString());
    }
}
