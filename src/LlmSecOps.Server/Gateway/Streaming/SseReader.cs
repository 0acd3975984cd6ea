using System.Buffers;
using System.IO.Pipelines;
using System.Text;

namespace LlmSecOps.Server.Gateway.Streaming;

/// <summary>
/// Reads server-sent events from an upstream body: <c>data:</c> lines joined with newlines,
/// dispatched on a blank line, comments and unknown fields ignored, as the SSE format says. Lines
/// and events have size limits, so a hostile upstream cannot make the gateway buffer without end.
/// </summary>
internal sealed class SseReader : IAsyncDisposable
{
    private readonly PipeReader _reader;
    private readonly ArrayBufferWriter<byte> _data = new(1024);
    private readonly int _maxLine;
    private readonly int _maxEvent;
    private bool _hasData;

    public SseReader(Stream stream, int maxLine = 1 << 20, int maxEvent = 4 << 20)
    {
        _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024, minimumReadSize: 4096, leaveOpen: true));
        _maxLine = maxLine;
        _maxEvent = maxEvent;
    }

    /// <summary>The data of the current event (valid until the next read).</summary>
    public ReadOnlySpan<byte> Data => _data.WrittenSpan;

    /// <summary>The data of the current event as memory (valid until the next read).</summary>
    public ReadOnlyMemory<byte> DataMemory => _data.WrittenMemory;

    /// <summary>The <c>event:</c> name of the current event, if any.</summary>
    public string? EventName { get; private set; }

    /// <summary>Lines read so far (for error messages).</summary>
    public int Line { get; private set; }

    /// <summary>Whether the current event's data is <c>[DONE]</c>.</summary>
    public bool IsDone => _data.WrittenSpan.SequenceEqual("[DONE]"u8);

    /// <summary>Reads the next event. Returns false at the end of the stream (an unterminated last event is discarded).</summary>
    public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        _data.ResetWrittenCount();
        _hasData = false;
        EventName = null;
        while (true)
        {
            var result = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            while (TryReadLine(ref buffer, out var line))
            {
                Line++;
                if (line.IsEmpty)
                {
                    if (_hasData)
                    {
                        _reader.AdvanceTo(buffer.Start);
                        return true;
                    }

                    EventName = null;
                    continue;
                }

                ProcessLine(line);
            }

            if (buffer.Length > _maxLine)
            {
                throw new SseFormatException($"a line longer than {_maxLine} bytes at line {Line + 1}");
            }

            _reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                return false;
            }
        }
    }

    private static bool TryReadLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        var position = buffer.PositionOf((byte)'\n');
        if (position is null)
        {
            line = default;
            return false;
        }

        line = buffer.Slice(0, position.Value);
        buffer = buffer.Slice(buffer.GetPosition(1, position.Value));
        if (!line.IsEmpty)
        {
            var last = line.Slice(line.Length - 1);
            if (last.FirstSpan[0] == (byte)'\r')
            {
                line = line.Slice(0, line.Length - 1);
            }
        }

        return true;
    }

    private void ProcessLine(ReadOnlySequence<byte> line)
    {
        if (line.Length > _maxLine)
        {
            throw new SseFormatException($"a line longer than {_maxLine} bytes at line {Line}");
        }

        ReadOnlySpan<byte> span;
        byte[]? rented = null;
        if (line.IsSingleSegment)
        {
            span = line.FirstSpan;
        }
        else
        {
            rented = ArrayPool<byte>.Shared.Rent((int)line.Length);
            line.CopyTo(rented);
            span = rented.AsSpan(0, (int)line.Length);
        }

        try
        {
            if (span[0] == (byte)':')
            {
                return;
            }

            var colon = span.IndexOf((byte)':');
            var field = colon < 0 ? span : span[..colon];
            var value = colon < 0 ? [] : span[(colon + 1)..];
            if (!value.IsEmpty && value[0] == (byte)' ')
            {
                value = value[1..];
            }

            if (field.SequenceEqual("data"u8))
            {
                if (_data.WrittenCount + value.Length + 1 > _maxEvent)
                {
                    throw new SseFormatException($"an event larger than {_maxEvent} bytes at line {Line}");
                }

                if (_hasData)
                {
                    _data.Write("\n"u8);
                }

                _data.Write(value);
                _hasData = true;
            }
            else if (field.SequenceEqual("event"u8))
            {
                EventName = Encoding.UTF8.GetString(value.Length > 64 ? value[..64] : value);
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _reader.CompleteAsync();
}
