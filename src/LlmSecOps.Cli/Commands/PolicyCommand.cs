using System.CommandLine;
using System.Text;
using LlmSecOps.Lint.Config;
using LlmSecOps.Lint.PolicyGen;

namespace LlmSecOps.Cli.Commands;

/// <summary><c>llmsecops policy</c>: usage policies for the gateway.</summary>
internal static class PolicyCommand
{
    public static Command Create(CliIo io)
    {
        var paths = new Argument<string[]>("paths") { Description = "Application source and configuration to scan (default: the current directory).", Arity = ArgumentArity.ZeroOrMore };
        var output = new Option<string?>("--output", "-o") { Description = "Write the policy to this file instead of standard output." };
        var generate = new Command("generate", "Scan code and configuration for the models, tools and endpoints an application uses and write a policy YAML that 'serve' loads.")
        {
            paths, output,
        };

        generate.SetAction(async (parse, ct) =>
        {
            var targets = parse.GetValue(paths) ?? [];
            foreach (var t in targets)
            {
                var full = io.ResolvePath(t);
                if (!File.Exists(full) && !Directory.Exists(full))
                {
                    throw new UsageException($"{t}: no such file or directory");
                }
            }

            LintConfig config;
            try
            {
                var start = targets.Length > 0 && Directory.Exists(io.ResolvePath(targets[0])) ? io.ResolvePath(targets[0]) : io.WorkingDirectory;
                config = LintConfigLoader.Find(start) is { } found ? LintConfigLoader.Load(found) : LintConfig.Default with { BaseDirectory = io.WorkingDirectory };
            }
            catch (LintConfigException ex)
            {
                throw new UsageException(string.Join(Environment.NewLine + "error: ", ex.Errors), ex);
            }

            var policy = PolicyGenerator.Generate(targets, io.WorkingDirectory, config);
            var yaml = policy.ToYaml(targets.Length == 0 ? "." : string.Join(" ", targets));
            if (parse.GetValue(output) is { } outPath)
            {
                var full = io.ResolvePath(outPath);
                var dir = Path.GetDirectoryName(full);
                if (dir is not null)
                {
                    Directory.CreateDirectory(dir);
                }

                await File.WriteAllTextAsync(full, yaml, new UTF8Encoding(false), ct).ConfigureAwait(false);
                await io.Out.WriteLineAsync($"wrote {outPath}: {policy.Models.Count} models, {policy.Endpoints.Count} endpoints, {policy.Tools.Count} tools, {policy.FetchedHosts.Count} hosts from {policy.FilesScanned} files").ConfigureAwait(false);
            }
            else
            {
                await io.Out.WriteAsync(yaml).ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });

        return new Command("policy", "Usage policies for the gateway.") { generate };
    }
}
