using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LlmSecOps.Core.Events;
using LlmSecOps.Core.Policy;
using LlmSecOps.Guard;
using LlmSecOps.Server.Gateway;
using LlmSecOps.Server.Gateway.Configuration;
using LlmSecOps.Storage.Events;
using Microsoft.Extensions.Logging;

namespace LlmSecOps.Benchmarks.Gateway;

/// <summary>
/// Added latency and throughput of the gateway: the same closed-loop load is sent to a loopback
/// fake upstream directly, then through the gateway in front of it, with the default policy and
/// 1 KB prompts. Reports p50/p99 latency, requests per second and allocations per request, and
/// for the gateway runs the stages each event recorded (guards, upstream call, the rest).
/// <code>
/// dotnet run -c Release --project bench/LlmSecOps.Benchmarks -- gateway [--seconds 10] [--warmup 3] [--concurrency 1,16] [--sink null|sqlite] [--upstream-ms 0] [--scanners default|none]
/// dotnet run -c Release --project bench/LlmSecOps.Benchmarks -- gateway upstream --urls http://127.0.0.1:9101   (for wrk)
/// dotnet run -c Release --project bench/LlmSecOps.Benchmarks -- gateway stream [--windows 64,128,256] [--token-ms 10] [--runs 5]
/// </code>
/// </summary>
internal static class GatewayLoadBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = Args.Parse(args);
        if (options.Mode == "upstream")
        {
            await using var standalone = await LoopbackUpstream.StartAsync(options.Urls).ConfigureAwait(false);
            Console.WriteLine($"loopback upstream on {standalone.BaseUrl} (Ctrl+C to stop)");
            var done = new TaskCompletionSource();
            Console.CancelKeyPress += (_, e) =>
            {
                e.Cancel = true;
                done.TrySetResult();
            };
            await done.Task.ConfigureAwait(false);
            return 0;
        }

        if (options.Mode == "body")
        {
            Console.Write(Body().ToJsonString());
            return 0;
        }

        if (options.Mode == "stream")
        {
            return await StreamWindowBench.RunAsync(options.Windows, options.TokenMs, options.Runs).ConfigureAwait(false);
        }

        // A real model takes tens of milliseconds to answer; --upstream-ms models that time so the
        // throughput ratio can be read both against an instant upstream and against a realistic one.
        LoopbackUpstream.AnswerDelay = TimeSpan.FromMilliseconds(options.UpstreamMs);
        Console.WriteLine($"upstream answers after {options.UpstreamMs} ms");
        await using var upstream = await LoopbackUpstream.StartAsync().ConfigureAwait(false);
        // --scanners none keeps the gateway (parsing, canary, tool filter, upstream call, event)
        // but runs no scanner, which shows how much of the added cost is the proxy hop itself.
        var engine = options.Scanners switch
        {
            "default" => GuardEngine.Create(GuardPolicy.Default),
            "none" => new GuardEngine(GuardPolicy.Default, []),
            _ => throw new ArgumentException($"unknown scanner set {options.Scanners} (default or none)"),
        };
        var (innerSink, disposeSink) = await CreateSinkAsync(options.Sink).ConfigureAwait(false);
        var sink = new StageRecordingSink(innerSink);
        var host = GatewayHost.Create(new GatewayHostSettings
        {
            Options = GatewayOptions.ForUpstream(upstream.BaseUrl),
            Engine = engine,
            Sink = sink,
            Urls = "http://127.0.0.1:0",
            MinimumLogLevel = LogLevel.Warning,
            EnableTelemetry = true,
        });
        await host.StartAsync().ConfigureAwait(false);
        try
        {
            var body = Encoding.UTF8.GetBytes(Body().ToJsonString());
            Console.WriteLine($"gateway load comparison: {Environment.ProcessorCount} cores, body {body.Length} bytes, default policy ({engine.Scanners.Count} scanners{(engine.Scanners.Count > 0 ? ": " : string.Empty)}{string.Join(", ", engine.Scanners.Select(s => s.Name))}), sink {options.Sink}, {options.Seconds} s per run after {options.Warmup} s warm-up");
            Console.WriteLine();
            Console.WriteLine("target   conc   requests    req/s      p50 ms   p90 ms   p99 ms   alloc/req");
            foreach (var concurrency in options.Concurrency)
            {
                var directUri = new Uri(upstream.BaseUrl, "chat/completions");
                var gatewayUri = new Uri(host.BaseAddress, "v1/chat/completions");
                _ = await MeasureAsync(directUri, body, concurrency, options.Warmup).ConfigureAwait(false);
                _ = await MeasureAsync(gatewayUri, body, concurrency, options.Warmup).ConfigureAwait(false);
                var direct = await MeasureAsync(directUri, body, concurrency, options.Seconds).ConfigureAwait(false);
                sink.Reset();
                var gateway = await MeasureAsync(gatewayUri, body, concurrency, options.Seconds).ConfigureAwait(false);
                Print("direct", concurrency, direct);
                Print("gateway", concurrency, gateway);
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"added    {concurrency,4}                         {gateway.P50 - direct.P50,8:0.000} {gateway.P90 - direct.P90,8:0.000} {gateway.P99 - direct.P99,8:0.000}   throughput {100.0 * gateway.Rps / direct.Rps:0.0}% of direct"));
                foreach (var line in sink.Describe())
                {
                    Console.WriteLine(line);
                }

                if (innerSink is SqliteEventStore store)
                {
                    // Whether the writer keeps up: a queue that grows run after run would end in the overflow spool.
                    var stats = store.Statistics;
                    Console.WriteLine($"  event store  {stats.Written} written, {stats.Queued} queued when the run ended, {stats.Spooled} spooled");
                }

                Console.WriteLine();
            }

            var gc = GC.GetGCMemoryInfo();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"process: working set {Environment.WorkingSet / 1048576.0:0.0} MiB, GC heap {gc.HeapSizeBytes / 1048576.0:0.0} MiB, gen0/1/2 collections {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}"));
        }
        finally
        {
            await host.StopAsync().ConfigureAwait(false);
            await host.DisposeAsync().ConfigureAwait(false);
            await disposeSink().ConfigureAwait(false);
        }

        return 0;
    }

    private static void Print(string target, int concurrency, Result r) =>
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{target,-8} {concurrency,4} {r.Requests,10} {r.Rps,9:0} {r.P50,11:0.000} {r.P90,8:0.000} {r.P99,8:0.000} {r.AllocPerRequest / 1024.0,9:0.0} KiB{(r.Errors > 0 ? $"   ERRORS {r.Errors}" : string.Empty)}"));

    private static async Task<Result> MeasureAsync(Uri target, byte[] body, int concurrency, double seconds)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseProxy = false };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var latencies = new List<double>[concurrency];
        var errors = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
        var started = Stopwatch.GetTimestamp();
        var workers = new Task[concurrency];
        for (var w = 0; w < concurrency; w++)
        {
            var list = latencies[w] = new List<double>(100_000);
            workers[w] = Task.Run(async () =>
            {
                var buffer = new byte[16 * 1024];
                while (!stop.IsCancellationRequested)
                {
                    var t0 = Stopwatch.GetTimestamp();
                    using var content = new ByteArrayContent(body);
                    content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
                    using var response = await client.PostAsync(target, content).ConfigureAwait(false);
                    await using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                    while (await stream.ReadAsync(buffer).ConfigureAwait(false) > 0)
                    {
                    }

                    list.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
            });
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var allocated = GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore;
        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        return new Result(all.Length, all.Length / elapsed, Percentile(all, 0.50), Percentile(all, 0.90), Percentile(all, 0.99), all.Length == 0 ? 0 : allocated / (double)all.Length, errors);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    /// <summary>An ordinary 1 KB request: a system prompt and a harmless user question.</summary>
    internal static JsonObject Body()
    {
        const string system = "You are Compass, the assistant of a travel agency. Help customers with bookings, packing lists and travel questions. Keep answers short and friendly, and ask a follow-up question when the request is ambiguous.";
        var user = new StringBuilder("I am planning a trip with my family next spring and would like some advice. ");
        string[] sentences =
        [
            "We are two adults and two children aged seven and eleven, and we would like to spend about ten days travelling. ",
            "We enjoy walking in the countryside, visiting small museums and trying local food, but we do not like long drives. ",
            "Our budget is moderate, so we would prefer family rooms in small guesthouses rather than large hotels. ",
            "Could you suggest a route that starts and ends in the same city, with no more than three hours of travel on any day? ",
            "Please also mention what the weather is usually like at that time of year and what we should pack for the children. ",
        ];
        var i = 0;
        while (user.Length < 800)
        {
            user.Append(sentences[i++ % sentences.Length]);
        }

        return new JsonObject
        {
            ["model"] = "bench-model",
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "system", ["content"] = system },
                new JsonObject { ["role"] = "user", ["content"] = user.ToString() }),
            ["temperature"] = 0.2,
        };
    }

    private static async Task<(IEventSink Sink, Func<Task> Dispose)> CreateSinkAsync(string kind)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        if (kind == "sqlite")
        {
            // The real event store in a temporary directory: batched background writes, as `serve` uses it.
            var dir = Directory.CreateTempSubdirectory("llmsecops-gateway-bench-");
            var store = EventStore.Open(new EventStoreOptions { DataDirectory = dir.FullName });
            return (store, async () =>
            {
                await store.DisposeAsync().ConfigureAwait(false);
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                dir.Delete(recursive: true);
            });
        }

        return kind switch
        {
            "null" => (new NullEventSink(), static () => Task.CompletedTask),
            _ => throw new ArgumentException($"unknown sink {kind} (null or sqlite)"),
        };
    }

    private sealed record Result(int Requests, double Rps, double P50, double P90, double P99, double AllocPerRequest, int Errors);

    private sealed record Args(string Mode, double Seconds, double Warmup, int[] Concurrency, string Sink, string Urls, int[] Windows, double TokenMs, int Runs, double UpstreamMs, string Scanners)
    {
        public static Args Parse(string[] args)
        {
            var a = new Args("compare", 10, 3, [1, 16], "null", "http://127.0.0.1:9101", [64, 128, 256], 10, 5, 0, "default");
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
                a = args[i] switch
                {
                    "upstream" => a with { Mode = "upstream" },
                    "stream" => a with { Mode = "stream" },
                    "body" => a with { Mode = "body" },
                    "--windows" => a with { Windows = [.. Next().Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))] },
                    "--token-ms" => a with { TokenMs = double.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--runs" => a with { Runs = int.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--seconds" => a with { Seconds = double.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--warmup" => a with { Warmup = double.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--concurrency" => a with { Concurrency = [.. Next().Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))] },
                    "--sink" => a with { Sink = Next() },
                    "--urls" => a with { Urls = Next() },
                    "--upstream-ms" => a with { UpstreamMs = double.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--scanners" => a with { Scanners = Next() },
                    _ => throw new ArgumentException($"unknown argument {args[i]}"),
                };
            }

            return a;
        }
    }
}
