using LlmSecOps.Guard;
using LlmSecOps.Lint.Config;
using LlmSecOps.Lint.Engine;

namespace LlmSecOps.Lint.Tests.Support;

/// <summary>Runs the engine on a folder with the folder's own .llmsecops.yaml.</summary>
internal static class LintRunner
{
    public static async Task<LintResult> RunAsync(string root, GuardEngine? guard = null, Func<LintOptions, LintOptions>? configure = null, params string[] paths)
    {
        var configPath = LintConfigLoader.Find(root);
        var config = configPath is null ? LintConfig.Default with { BaseDirectory = root } : LintConfigLoader.Load(configPath);
        var options = new LintOptions { Root = root, Config = config, Guard = guard };
        if (configure is not null)
        {
            options = configure(options);
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await new LintEngine(options).RunAsync(paths, cts.Token).WaitAsync(TimeSpan.FromSeconds(90));
    }
}
