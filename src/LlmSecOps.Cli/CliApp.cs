using System.CommandLine;
using LlmSecOps.Cli.Commands;
using LlmSecOps.Core.Policy;

namespace LlmSecOps.Cli;

/// <summary>Builds the command tree and runs it with the exit-code conventions of <see cref="ExitCodes"/>.</summary>
internal static class CliApp
{
    /// <summary>Builds the root command.</summary>
    public static RootCommand BuildRoot(CliIo io)
    {
        var root = new RootCommand(
            "LLMSecOps: lint prompts, red-team models, guard and monitor LLM traffic.");
        foreach (var command in Commands(io))
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    private static IEnumerable<Command> Commands(CliIo io)
    {
        yield return ScanCommand.Create(io);
        yield return EventsCommand.Create(io);
        yield return ProbeCommand.Create(io);
        yield return ServeCommand.Create(io);
        yield return DemoCommand.Create(io);
        yield return LintCommand.Create(io);
        yield return RenderCommand.Create(io);
        yield return PolicyCommand.Create(io);
        yield return EvalCommand.Create(io);
        yield return TrainDetectorCommand.Create(io);
    }

    /// <summary>Parses and runs a command line; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, CliIo io, CancellationToken cancellationToken = default)
    {
        var root = BuildRoot(io);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await io.Error.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false);
            }

            await io.Error.WriteLineAsync("Run 'llmsecops --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        try
        {
            var config = new InvocationConfiguration
            {
                Output = io.Out,
                Error = io.Error,
                EnableDefaultExceptionHandler = false,
            };
            return await parse.InvokeAsync(config, cancellationToken).ConfigureAwait(false);
        }
        catch (UsageException ex)
        {
            await io.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (PolicyException ex)
        {
            foreach (var e in ex.Errors)
            {
                await io.Error.WriteLineAsync($"error: {e}").ConfigureAwait(false);
            }

            return ExitCodes.Usage;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await io.Error.WriteLineAsync("cancelled").ConfigureAwait(false);
            return 130;
        }
    }
}
