using System.Buffers;

namespace LlmSecOps.Server.Gateway.Http;

/// <summary>A request or response body read into a pooled buffer; return it with <see cref="Dispose"/>.</summary>
internal sealed class PooledBody : IDisposable
{
    private byte[] _buffer;

    public PooledBody(int capacity)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 256));
    }

    /// <summary>Bytes held.</summary>
    public int Length { get; private set; }

    /// <summary>The bytes.</summary>
    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, Length);

    /// <summary>The bytes.</summary>
    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, Length);

    /// <summary>Reads a stream to the end, refusing more than <paramref name="limit"/> bytes.</summary>
    /// <returns>False when the limit was passed.</returns>
    public async ValueTask<bool> ReadFromAsync(Stream stream, long limit, CancellationToken cancellationToken, Action? progress = null)
    {
        while (true)
        {
            if (Length == _buffer.Length)
            {
                if (_buffer.Length >= limit + 1)
                {
                    return false;
                }

                var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)_buffer.Length * 2, Math.Min(limit + 1, Array.MaxLength)));
                _buffer.AsSpan(0, Length).CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = bigger;
            }

            var n = await stream.ReadAsync(_buffer.AsMemory(Length), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                return Length <= limit;
            }

            Length += n;
            progress?.Invoke();
            if (Length > limit)
            {
                return false;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        var b = _buffer;
        _buffer = [];
        Length = 0;
        if (b.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(b);
        }
    }
}
