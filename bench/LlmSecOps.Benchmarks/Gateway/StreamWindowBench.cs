using System.Diagnostics;
using System.Globalization;
using System.Text;
using LlmSecOps.Core.Policy;
using LlmSecOps.Guard;
using LlmSecOps.Server.Gateway;
using LlmSecOps.Server.Gateway.Configuration;
using Microsoft.Extensions.Logging;

namespace LlmSecOps.Benchmarks.Gateway;

/// <summary>
/// What the streaming window costs: time to the first content a client sees, and to the end,
/// directly and through the gateway with several window sizes, for an upstream that sends a
/// five-character token every few milliseconds.
/// </summary>
internal static class StreamWindowBench
{
    public static async Task<int> RunAsync(int[] windows, double tokenMs, int runs)
    {
        LoopbackUpstream.TokenInterval = TimeSpan.FromMilliseconds(tokenMs);
        await using var upstream = await LoopbackUpstream.StartAsync().ConfigureAwait(false);
        var body = GatewayLoadBench.Body();
        body["stream"] = true;
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"streaming window cost: {LoopbackUpstream.StreamTokens} tokens of 5 characters, one every {tokenMs} ms, median of {runs} runs"));
        Console.WriteLine();
        Console.WriteLine("target                 first content ms   last content ms   added to first");
        var (directFirst, directLast) = await MeasureAsync(client, new Uri(upstream.BaseUrl, "chat/completions"), bytes, runs).ConfigureAwait(false);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"direct                 {directFirst,16:0.0} {directLast,17:0.0}"));
        foreach (var window in windows)
        {
            var step = Math.Max(1, window / 4);
            var host = GatewayHost.Create(new GatewayHostSettings
            {
                Options = GatewayOptions.ForUpstream(upstream.BaseUrl) with { Streaming = new StreamingOptions { WindowChars = window, ScanStepChars = step } },
                Engine = GuardEngine.Create(GuardPolicy.Default),
                Sink = new NullEventSink(),
                Urls = "http://127.0.0.1:0",
                MinimumLogLevel = LogLevel.Warning,
            });
            await host.StartAsync().ConfigureAwait(false);
            try
            {
                var (first, last) = await MeasureAsync(client, new Uri(host.BaseAddress, "v1/chat/completions"), bytes, runs).ConfigureAwait(false);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"gateway window {window,4}/{step,-3}  {first,16:0.0} {last,17:0.0} {first - directFirst,16:0.0}"));
            }
            finally
            {
                await host.StopAsync().ConfigureAwait(false);
                await host.DisposeAsync().ConfigureAwait(false);
            }
        }

        return 0;
    }

    private static async Task<(double First, double Last)> MeasureAsync(HttpClient client, Uri uri, byte[] body, int runs)
    {
        var firsts = new List<double>();
        var lasts = new List<double>();
        for (var r = 0; r < runs + 1; r++)
        {
            var t0 = Stopwatch.GetTimestamp();
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync().ConfigureAwait(false));
            double first = -1;
            double last = 0;
            while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                if (line.Contains("\"content\":\"word", StringComparison.Ordinal) || line.Contains("\"content\":\" word", StringComparison.Ordinal) || (line.Contains("\"content\":\"", StringComparison.Ordinal) && line.Contains("word", StringComparison.Ordinal)))
                {
                    var now = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                    if (first < 0)
                    {
                        first = now;
                    }

                    last = now;
                }
            }

            if (r > 0)
            {
                // The first run warms up connections and code paths.
                firsts.Add(first);
                lasts.Add(last);
            }
        }

        firsts.Sort();
        lasts.Sort();
        return (firsts[firsts.Count / 2], lasts[lasts.Count / 2]);
    }
}
