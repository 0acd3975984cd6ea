using System.Net;

namespace LlmSecOps.RedTeam.Running;

/// <summary>The HTTP client targets and judges share: pooled connections sized to the run's concurrency, no cookies, no redirects.</summary>
internal static class TargetHttp
{
    public static HttpClient Create(int concurrency)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(4, concurrency + 2),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
            ConnectTimeout = TimeSpan.FromSeconds(15),
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.All,
        };
        return new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }
}
