using Polly;
using Polly.Retry;

namespace LlmSecOps.RedTeam.Targets;

/// <summary>
/// Wraps a target with the run's requests-per-minute limit and retries: 429, 5xx, timeouts and
/// connection failures are retried with exponential back-off and jitter, waiting as long as a
/// Retry-After header asks. What still fails is returned as an error response.
/// </summary>
internal sealed class ResilientTarget : Target
{
    private readonly Target _inner;
    private readonly TokenBucket? _limiter;
    private readonly ResiliencePipeline<TargetResponse> _pipeline;

    public ResilientTarget(Target inner, RetryOptions retry, TokenBucket? limiter, TimeProvider time)
    {
        _inner = inner;
        _limiter = limiter;
        var builder = new ResiliencePipelineBuilder<TargetResponse> { TimeProvider = time };
        if (retry.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<TargetResponse>
            {
                MaxRetryAttempts = retry.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = retry.BaseDelay,
                MaxDelay = retry.MaxDelay,
                ShouldHandle = static args => ValueTask.FromResult(
                    args.Outcome.Result is { Status: TargetStatus.Error, Retryable: true } ||
                    args.Outcome.Exception is HttpRequestException),
                DelayGenerator = args => ValueTask.FromResult(RetryAfterDelay(args.Outcome.Result, retry)),
            });
        }

        _pipeline = builder.Build();
    }

    public override string Id => _inner.Id;

    public override bool AcceptsSystemPrompt => _inner.AcceptsSystemPrompt;

    /// <summary>The wait a response asks for before the next try, capped; null leaves the back-off to decide.</summary>
    internal static TimeSpan? RetryAfterDelay(TargetResponse? response, RetryOptions retry) =>
        response?.RetryAfter is { } wait ? (wait > retry.MaxRetryAfter ? retry.MaxRetryAfter : wait) : null;

    public override async ValueTask<TargetResponse> SendAsync(TargetRequest request, CancellationToken cancellationToken)
    {
        var state = new CallState(_inner, _limiter, request);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            var outcome = await _pipeline.ExecuteOutcomeAsync(
                static async (ctx, s) =>
                {
                    s.Tries++;
                    try
                    {
                        if (s.Limiter is not null)
                        {
                            await s.Limiter.WaitAsync(ctx.CancellationToken).ConfigureAwait(false);
                        }

                        var r = await s.Inner.SendAsync(s.Request, ctx.CancellationToken).ConfigureAwait(false);
                        return Outcome.FromResult(r);
                    }
                    catch (HttpRequestException ex)
                    {
                        return Outcome.FromException<TargetResponse>(ex);
                    }
                },
                context,
                state).ConfigureAwait(false);

            cancellationToken.ThrowIfCancellationRequested();
            var response = outcome.Result ?? TargetResponse.Failed(outcome.Exception?.Message ?? "request failed", retryable: true);
            return response with { Retries = state.Tries - 1 };
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private sealed class CallState(Target inner, TokenBucket? limiter, TargetRequest request)
    {
        public Target Inner { get; } = inner;

        public TokenBucket? Limiter { get; } = limiter;

        public TargetRequest Request { get; } = request;

        public int Tries { get; set; }
    }
}
