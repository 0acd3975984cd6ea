using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;

namespace LlmSecOps.RedTeam.Targets;

/// <summary>Helpers shared by the HTTP targets: bounded body reads and Retry-After parsing.</summary>
internal static class HttpBody
{
    /// <summary>Largest response body read from a target.</summary>
    public const int MaxResponseBytes = 8 << 20;

    /// <summary>Reads a body up to <paramref name="limit"/> bytes; null when it is larger.</summary>
    public static async Task<byte[]?> ReadLimitedAsync(HttpContent content, int limit, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength is { } declared && declared > limit)
        {
            return null;
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
            try
            {
                using var ms = new MemoryStream();
                int n;
                while ((n = await stream.ReadAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    if (ms.Length + n > limit)
                    {
                        return null;
                    }

                    ms.Write(buffer, 0, n);
                }

                return ms.ToArray();
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>The wait a Retry-After header asks for (seconds or an HTTP date), or null.</summary>
    public static TimeSpan? RetryAfter(HttpResponseHeaders headers, TimeProvider time)
    {
        if (headers.RetryAfter is { } ra)
        {
            if (ra.Delta is { } delta)
            {
                return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
            }

            if (ra.Date is { } date)
            {
                var wait = date - time.GetUtcNow();
                return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            }
        }

        // Some servers send fractional seconds, which the typed header refuses.
        if (headers.TryGetValues("Retry-After", out var values))
        {
            foreach (var v in values)
            {
                if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 && seconds < 86_400)
                {
                    return TimeSpan.FromSeconds(seconds);
                }
            }
        }

        return null;
    }

    /// <summary>Whether a status code is worth retrying.</summary>
    public static bool IsRetryable(int status) => status is 408 or 409 or 425 or 429 || status >= 500;

    /// <summary>A short, single-line excerpt of a body for error messages.</summary>
    public static string Excerpt(ReadOnlySpan<byte> body, int max = 200)
    {
        var text = System.Text.Encoding.UTF8.GetString(body.Length > max * 4 ? body[..(max * 4)] : body);
        text = text.ReplaceLineEndings(" ");
        return text.Length <= max ? text : text[..max] + "…";
    }
}
