using System.Diagnostics;
using System.Text;

namespace LlmSecOps.Server.Tests.Telemetry;

/// <summary>Finds and runs the Debian-packaged tools the telemetry tests drive for real.</summary>
internal static class ExternalTool
{
    /// <summary>The full path of an executable on PATH; fails the test, naming the install script, when it is missing.</summary>
    public static string Require(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Append("/usr/bin"))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        Assert.Fail($"'{name}' was not found on PATH. Install the test dependencies with build/install-test-deps.sh (Debian package 'prometheus').");
        return null!;
    }

    /// <summary>Runs a tool to completion with a deadline, feeding <paramref name="stdin"/>.</summary>
    public static async Task<ToolResult> RunAsync(string file, IEnumerable<string> arguments, string? stdin = null, TimeSpan? timeout = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start " + file);
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
            var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
            if (stdin is not null)
            {
                await process.StandardInput.WriteAsync(new StringBuilder(stdin), deadline.Token);
            }

            process.StandardInput.Close();
            await process.WaitForExitAsync(deadline.Token);
            return new ToolResult(process.ExitCode, await stdout, await stderr);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', info.ArgumentList)} did not finish in time.");
        }
    }
}
