using LlmSecOps.Cli;

return await CliApp.RunAsync(args, CliIo.FromConsole()).ConfigureAwait(false);
