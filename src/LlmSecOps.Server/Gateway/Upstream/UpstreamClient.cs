using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using LlmSecOps.Server.Gateway.Configuration;
using Polly;
using Polly.Retry;

namespace LlmSecOps.Server.Gateway.Upstream;

/// <summary>
/// Sends requests to upstreams over one pooled <see cref="SocketsHttpHandler"/> per upstream, with
/// the upstream's connect, first-byte and total timeouts and a bounded Polly retry of what is safe
/// to repeat: a connection that could not be opened, and a 502/503 answer. Nothing is retried once
/// response headers have been accepted, so nothing is retried after the client has seen a byte.
/// </summary>
internal sealed class UpstreamClient : IDisposable
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json") { CharSet = "utf-8" };
    private readonly Dictionary<string, (HttpClient Client, ResiliencePipeline<HttpResponseMessage> Pipeline)> _clients = new(StringComparer.Ordinal);

    // Request URIs by upstream and path: a handful of endpoints, built once instead of per request.
    private readonly ConcurrentDictionary<(Uri BaseUrl, string Path), Uri> _uris = new();

    /// <summary>Creates clients for every upstream.</summary>
    public UpstreamClient(IReadOnlyList<UpstreamOptions> upstreams, TimeProvider timeProvider)
    {
        foreach (var u in upstreams)
        {
            var handler = new SocketsHttpHandler
            {
                ConnectTimeout = u.ConnectTimeout,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
                AutomaticDecompression = DecompressionMethods.All,
                AllowAutoRedirect = false,
                UseCookies = false,
                UseProxy = false,

                // An answer abandoned half-way (client gone, stream cut) closes the connection at
                // once, so the upstream stops generating, instead of being drained for reuse.
                MaxResponseDrainSize = 0,
                ResponseDrainTimeout = TimeSpan.Zero,
            };
            var client = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
            var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider };
            if (u.Retries > 0)
            {
                builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
                {
                    MaxRetryAttempts = u.Retries,
                    Delay = u.RetryDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    ShouldHandle = static args => ValueTask.FromResult(args.Outcome switch
                    {
                        { Exception: HttpRequestException e } => IsConnectFailure(e),
                        { Result: { } r } => r.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable,
                        _ => false,
                    }),
                    OnRetry = static args =>
                    {
                        args.Outcome.Result?.Dispose();
                        return default;
                    },
                });
            }

            _clients[u.Name] = (client, builder.Build());
        }
    }

    /// <summary>
    /// Sends a request and waits for the response headers. The returned call carries the response
    /// or the failure, and a token that bounds reading the rest.
    /// </summary>
    public async Task<UpstreamCall> SendAsync(UpstreamOptions upstream, HttpMethod method, string relativePath, ReadOnlyMemory<byte> body, IReadOnlyDictionary<string, string>? headers, CancellationToken requestAborted)
    {
        var (client, pipeline) = _clients[upstream.Name];
        var total = new CancellationTokenSource(upstream.TotalTimeout);
        var call = new UpstreamCall(total, requestAborted, upstream.FirstByteTimeout);
        var uri = _uris.GetOrAdd((upstream.BaseUrl, relativePath), static key => new Uri(key.BaseUrl, key.Path));
        var firstByteTimedOut = false;
        try
        {
            call.Response = await pipeline.ExecuteAsync(
                async token =>
                {
                    call.Attempts++;
                    using var attempt = CancellationTokenSource.CreateLinkedTokenSource(token);
                    attempt.CancelAfter(upstream.FirstByteTimeout);
                    using var request = new HttpRequestMessage(method, uri) { Version = HttpVersion.Version11 };
                    if (method != HttpMethod.Get)
                    {
                        request.Content = new ReadOnlyMemoryContent(body);
                        request.Content.Headers.ContentType = JsonContentType;
                    }

                    if (upstream.ApiKey is { Length: > 0 } key)
                    {
                        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
                    }

                    if (headers is not null)
                    {
                        foreach (var (name, value) in headers)
                        {
                            request.Headers.TryAddWithoutValidation(name, value);
                        }
                    }

                    try
                    {
                        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!token.IsCancellationRequested && attempt.IsCancellationRequested)
                    {
                        firstByteTimedOut = true;
                        throw;
                    }
                    catch (OperationCanceledException ex) when (!attempt.IsCancellationRequested && IsConnectTimeout(ex))
                    {
                        // The handler's connect timeout: nothing reached the upstream, so it is a
                        // connection failure (and may be retried), not a response timeout.
                        throw new HttpRequestException(HttpRequestError.ConnectionError, "connect timeout", ex);
                    }
                },
                // The call's token is the total timeout or the client going away: its idle timer
                // is armed only once the headers are in (Touch below).
                call.Token).ConfigureAwait(false);
            call.Touch();
        }
        catch (OperationCanceledException)
        {
            call.Failure = requestAborted.IsCancellationRequested ? UpstreamFailure.ClientAborted : UpstreamFailure.Timeout;
            call.Detail = firstByteTimedOut
                ? $"no response within the first-byte timeout ({upstream.FirstByteTimeout.TotalSeconds:0.###} s)"
                : $"no response within the total timeout ({upstream.TotalTimeout.TotalSeconds:0.###} s)";
        }
        catch (HttpRequestException ex)
        {
            call.Failure = IsConnectFailure(ex) ? UpstreamFailure.Unreachable : UpstreamFailure.Broken;
            call.Detail = ex.HttpRequestError switch
            {
                HttpRequestError.ConnectionError => ex.InnerException is OperationCanceledException
                    ? $"no connection within the connect timeout ({upstream.ConnectTimeout.TotalSeconds:0.###} s)"
                    : "could not connect to the upstream",
                HttpRequestError.NameResolutionError => "could not resolve the upstream host",
                HttpRequestError.SecureConnectionError => "TLS handshake with the upstream failed",
                HttpRequestError.ResponseEnded => "the upstream closed the connection before answering",
                HttpRequestError.InvalidResponse => "the upstream sent an invalid HTTP response",
                _ => "the request to the upstream failed",
            };
        }

        return call;
    }

    private static bool IsConnectTimeout(Exception ex)
    {
        for (var e = ex.InnerException; e is not null; e = e.InnerException)
        {
            if (e is TimeoutException)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsConnectFailure(HttpRequestException e) =>
        e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError ||
        e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostUnreachable or SocketError.NetworkUnreachable };

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var (client, _) in _clients.Values)
        {
            client.Dispose();
        }
    }
}
