using System.Buffers;
using System.Globalization;
using System.Text;

namespace LlmSecOps.Server.Telemetry.Prometheus;

/// <summary>
/// Writes the Prometheus text exposition format (version 0.0.4) as UTF-8 straight into a
/// buffer writer (a pipe, a pooled array). Names and label sets arrive pre-encoded and
/// pre-escaped from the series; this type only adds numbers, separators and newlines, so a
/// scrape allocates nothing per sample.
/// </summary>
internal ref struct PrometheusTextWriter
{
    private const int MinimumChunk = 4096;
    private readonly IBufferWriter<byte> _output;
    private Span<byte> _span;
    private int _position;

    public PrometheusTextWriter(IBufferWriter<byte> output)
    {
        _output = output;
        _span = default;
        _position = 0;
    }

    /// <summary>Writes bytes as they are.</summary>
    public void WriteRaw(scoped ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_span[_position..]);
        _position += bytes.Length;
    }

    /// <summary>Writes one ASCII byte.</summary>
    public void WriteByte(byte value)
    {
        Ensure(1);
        _span[_position++] = value;
    }

    /// <summary>Writes text as UTF-8 (used for the few lines built at scrape time).</summary>
    public void WriteUtf8(scoped ReadOnlySpan<char> text)
    {
        Ensure(Encoding.UTF8.GetMaxByteCount(text.Length));
        _position += Encoding.UTF8.GetBytes(text, _span[_position..]);
    }

    /// <summary>Writes an integer sample value.</summary>
    public void WriteInt64(long value)
    {
        Ensure(20);
        value.TryFormat(_span[_position..], out var written, default, CultureInfo.InvariantCulture);
        _position += written;
    }

    /// <summary>
    /// Writes a floating-point sample value in the shortest form that round-trips, with the
    /// spellings Prometheus expects for the special values (<c>+Inf</c>, <c>-Inf</c>, <c>NaN</c>).
    /// </summary>
    public void WriteDouble(double value)
    {
        Ensure(32);
        _position += FormatDouble(value, _span[_position..]);
    }

    /// <summary>Ends a line.</summary>
    public void WriteNewLine() => WriteByte((byte)'\n');

    /// <summary>Hands everything written so far to the underlying buffer writer.</summary>
    public void Flush()
    {
        if (_position > 0)
        {
            _output.Advance(_position);
        }

        _position = 0;
        _span = default;
    }

    /// <summary>Formats a double the way sample values and <c>le</c> labels are written; returns the byte count.</summary>
    public static int FormatDouble(double value, Span<byte> destination)
    {
        if (double.IsNaN(value))
        {
            "NaN"u8.CopyTo(destination);
            return 3;
        }

        if (double.IsPositiveInfinity(value))
        {
            "+Inf"u8.CopyTo(destination);
            return 4;
        }

        if (double.IsNegativeInfinity(value))
        {
            "-Inf"u8.CopyTo(destination);
            return 4;
        }

        value.TryFormat(destination, out var written, "R", CultureInfo.InvariantCulture);
        return written;
    }

    private void Ensure(int count)
    {
        if (_span.Length - _position >= count)
        {
            return;
        }

        Flush();
        _span = _output.GetSpan(Math.Max(count, MinimumChunk));
    }
}
