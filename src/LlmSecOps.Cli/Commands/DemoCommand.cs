using System.CommandLine;
using System.Diagnostics;
using LlmSecOps.Core.Policy;
using LlmSecOps.Guard;
using LlmSecOps.Server.Demo;
using LlmSecOps.Server.Gateway;
using LlmSecOps.Server.Gateway.Configuration;
using Microsoft.Extensions.Logging;

namespace LlmSecOps.Cli.Commands;

/// <summary>
/// <c>llmsecops demo</c>: the gateway on SQLite in front of a simulated upstream, with bundled
/// traffic played through real HTTP, so a newcomer sees verdicts, events and metrics in seconds.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(CliIo io)
    {
        var dataDir = new Option<string?>("--data-dir") { Description = "Where the demo's SQLite event store goes (default ./.llmsecops-demo)." };
        var keepRunning = new Option<bool>("--keep-running") { Description = "Keep the gateway and the simulated upstream running after the traffic, until Ctrl+C." };
        var urls = new Option<string?>("--urls") { Description = "Gateway listen URL (default http://127.0.0.1:0, a free port)." };
        var command = new Command("demo", "Start the gateway in front of a simulated LLM, play attacks and ordinary traffic through it, and show what was caught.")
        {
            dataDir, keepRunning, urls,
        };

        command.SetAction(async (parse, ct) =>
        {
            var started = Stopwatch.GetTimestamp();
            var dir = io.ResolvePath(parse.GetValue(dataDir) ?? ".llmsecops-demo");
            var listen = parse.GetValue(urls) ?? "http://127.0.0.1:0";
            using var shutdown = new ShutdownSignal(ct);
            await using var upstream = await DemoUpstream.StartAsync(shutdown.Token).ConfigureAwait(false);
            await using var store = GatewayStore.Open(dir);
            var tap = new DemoEventTap(store);
            var policy = PolicyLoader.Parse(DemoTraffic.PolicyYaml, "demo policy");
            var host = GatewayHost.Create(new GatewayHostSettings
            {
                Options = GatewayOptions.ForUpstream(upstream.BaseUrl),
                Engine = GuardEngine.Create(policy),
                Sink = tap,
                Urls = listen,
                MinimumLogLevel = LogLevel.Warning,
                ReadinessCheck = GatewayStore.Readiness(dir, store),
            });
            try
            {
                await ServeCommand.StartAsync(host, listen, shutdown.Token).ConfigureAwait(false);
                var output = new DemoOutput(io);
                output.Header(host.BaseAddress, upstream.BaseUrl, dir);
                var results = await new DemoPlayer(host.BaseAddress, tap).PlayAsync(DemoTraffic.All, output.Line, shutdown.Token).ConfigureAwait(false);
                using (var flush = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
                {
                    await store.FlushAsync(flush.Token).ConfigureAwait(false);
                }

                output.Summary(results, Stopwatch.GetElapsedTime(started));
                output.NextSteps(host.BaseAddress, dir, parse.GetValue(keepRunning));
                if (parse.GetValue(keepRunning))
                {
                    await shutdown.WaitAsync().ConfigureAwait(false);
                }

                using var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await host.StopAsync(stopTimeout.Token).ConfigureAwait(false);
                return results.Count == DemoTraffic.All.Count ? ExitCodes.Ok : ExitCodes.Findings;
            }
            finally
            {
                await host.DisposeAsync().ConfigureAwait(false);
            }
        });
        return command;
    }
}
