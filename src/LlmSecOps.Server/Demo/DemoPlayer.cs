using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using LlmSecOps.Core.Scanning;

namespace LlmSecOps.Server.Demo;

/// <summary>Plays the demo traffic against a gateway over real HTTP, one request at a time.</summary>
internal sealed class DemoPlayer(Uri gateway, DemoEventTap events)
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Plays every request; <paramref name="onResult"/> sees each result as it lands.</summary>
    public async Task<IReadOnlyList<DemoResult>> PlayAsync(IReadOnlyList<DemoRequest> traffic, Action<DemoResult> onResult, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = gateway, Timeout = RequestTimeout };
        var results = new List<DemoResult>(traffic.Count);
        for (var i = 0; i < traffic.Count; i++)
        {
            var request = traffic[i];
            var started = Stopwatch.GetTimestamp();
            int status;
            string body;
            using (var message = new HttpRequestMessage(HttpMethod.Post, request.Path.TrimStart('/')))
            {
                message.Content = new StringContent(request.Body.ToJsonString(), Encoding.UTF8);
                message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await client.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
                status = (int)response.StatusCode;
                body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            }

            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var evt = await events.NextAsync(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
            var categories = evt?.Findings.Select(f => f.Category).Distinct(StringComparer.Ordinal).ToArray() ?? [];
            var result = new DemoResult(i + 1, request, status, evt?.Verdict, categories, Describe(status, body, evt?.Verdict, request.Stream), ms);
            results.Add(result);
            onResult(result);
        }

        return results;
    }

    private static string Describe(int status, string body, Verdict? verdict, bool stream)
    {
        if (stream && status == 200 && body.Contains("\"content_filter\"", StringComparison.Ordinal))
        {
            return "stream cut";
        }

        return (status, verdict) switch
        {
            (400, Verdict.Block) => "refused",
            (200, Verdict.Redact) => "redacted",
            (200, Verdict.Flag) => "flagged",
            (200, _) => "passed",
            _ => $"HTTP {status}",
        };
    }
}
