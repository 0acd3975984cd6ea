using System.CommandLine;
using System.Net.Sockets;
using LlmSecOps.Core.Policy;
using LlmSecOps.Guard;
using LlmSecOps.Server.Gateway;
using LlmSecOps.Server.Gateway.Configuration;
using Microsoft.Extensions.Logging;

namespace LlmSecOps.Cli.Commands;

/// <summary><c>llmsecops serve</c>: the guard gateway in front of an OpenAI-compatible API.</summary>
internal static class ServeCommand
{
    /// <summary>Environment variable read for the API key of an upstream given with <c>--upstream</c>.</summary>
    public const string DefaultUpstreamKeyVariable = "LLMSECOPS_UPSTREAM_API_KEY";

    public static Command Create(CliIo io)
    {
        var upstream = new Option<string?>("--upstream", "-u") { Description = "OpenAI-compatible base URL, e.g. http://127.0.0.1:8000/v1 (one catch-all upstream; anonymous clients allowed)." };
        var upstreamKeyEnv = new Option<string?>("--upstream-key-env") { Description = $"Environment variable holding the --upstream API key (default {DefaultUpstreamKeyVariable})." };
        var urls = new Option<string?>("--urls") { Description = "Listen URLs separated by ';' (default http://127.0.0.1:8080)." };
        var dataDir = CommonOptions.DataDir();
        var policy = CommonOptions.Policy();
        var config = new Option<string?>("--config", "-c") { Description = "Gateway configuration YAML: upstreams by model, client keys, proxies, streaming window, OPA, routes." };
        var command = new Command("serve", "Run the guard gateway: OpenAI-compatible endpoints that scan requests and completions and record every exchange.")
        {
            upstream, upstreamKeyEnv, urls, dataDir, policy, config,
        };

        command.SetAction(async (parse, ct) =>
        {
            var options = BuildOptions(io, parse.GetValue(config), parse.GetValue(upstream), parse.GetValue(upstreamKeyEnv));
            var policyPath = parse.GetValue(policy) ?? options.PolicyPath;
            var guardPolicy = string.IsNullOrWhiteSpace(policyPath) ? GuardPolicy.Default : PolicyLoader.LoadFile(io.ResolvePath(policyPath));
            var dir = CommonOptions.ResolveDataDir(io, parse.GetValue(dataDir) ?? options.DataDir);
            var listen = parse.GetValue(urls) ?? options.Urls ?? "http://127.0.0.1:8080";

            using var shutdown = new ShutdownSignal(ct);
            await using var store = GatewayStore.Open(dir);
            var host = GatewayHost.Create(new GatewayHostSettings
            {
                Options = options,
                Engine = GuardEngine.Create(guardPolicy),
                Sink = store,
                Urls = listen,
                MinimumLogLevel = LogLevel.Information,
                ReadinessCheck = GatewayStore.Readiness(dir, store),
            });
            try
            {
                await StartAsync(host, listen, shutdown.Token).ConfigureAwait(false);
                await io.Out.WriteLineAsync($"llmsecops gateway listening on {string.Join(", ", host.Addresses)}; events in {dir}").ConfigureAwait(false);
                await io.Out.WriteLineAsync($"upstreams: {string.Join(", ", options.Upstreams.Select(u => u.ToString()))}").ConfigureAwait(false);
                await shutdown.WaitAsync().ConfigureAwait(false);
                await io.Out.WriteLineAsync("stopping: finishing requests in flight and flushing events").ConfigureAwait(false);
                using var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                await host.StopAsync(stopTimeout.Token).ConfigureAwait(false);
            }
            finally
            {
                await host.DisposeAsync().ConfigureAwait(false);
                using var flushTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                await store.FlushAsync(flushTimeout.Token).ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Merges the configuration file and the command line, and validates the result.</summary>
    internal static GatewayOptions BuildOptions(CliIo io, string? configPath, string? upstreamUrl, string? upstreamKeyEnv)
    {
        GatewayOptions options;
        if (configPath is not null)
        {
            options = GatewayConfigLoader.LoadFile(io.ResolvePath(configPath), io.GetEnvironmentVariable, validate: false);
            if (upstreamUrl is not null)
            {
                if (options.Upstreams.Count > 0)
                {
                    throw new UsageException("give --upstream or 'upstreams' in the configuration file, not both");
                }

                options = options with { Upstreams = [ParseUpstream(io, upstreamUrl, upstreamKeyEnv).Upstreams[0]] };
            }
        }
        else if (upstreamUrl is not null)
        {
            options = ParseUpstream(io, upstreamUrl, upstreamKeyEnv);
        }
        else
        {
            throw new UsageException("nothing to guard: give --upstream URL or --config FILE");
        }

        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new PolicyException([.. problems.Select(p => new PolicyError(configPath ?? "command line", 0, 0, p))]);
        }

        return options;
    }

    private static GatewayOptions ParseUpstream(CliIo io, string url, string? keyEnv)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new UsageException($"--upstream: '{url}' is not an absolute http(s) URL such as http://127.0.0.1:8000/v1");
        }

        var variable = keyEnv ?? DefaultUpstreamKeyVariable;
        var key = io.GetEnvironmentVariable(variable);
        if (keyEnv is not null && string.IsNullOrEmpty(key))
        {
            throw new UsageException($"--upstream-key-env: environment variable {keyEnv} is not set");
        }

        return GatewayOptions.ForUpstream(uri, string.IsNullOrEmpty(key) ? null : key);
    }

    /// <summary>Starts the host, turning a busy or forbidden address into a usage error.</summary>
    internal static async Task StartAsync(GatewayHost host, string listen, CancellationToken ct)
    {
        try
        {
            await host.StartAsync(ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or InvalidOperationException && ex is not OperationCanceledException)
        {
            throw new UsageException($"cannot listen on {listen}: {ex.Message}", ex);
        }
    }
}
