using System.Text;
using LlmSecOps.Lint.Engine;

namespace LlmSecOps.Lint.Discovery;

/// <summary>Reads a file as text, or explains why not: too large, binary (NUL bytes), not valid UTF-8/UTF-16, unreadable.</summary>
internal static class FileLoader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string? Load(DiscoveredFile file, long maxBytes, out LintNotice? notice)
    {
        notice = null;
        byte[] bytes;
        try
        {
            var info = new FileInfo(file.FullPath);
            if (info.Length > maxBytes)
            {
                notice = new LintNotice(file.RelativePath, "too_large", $"skipped: {info.Length:N0} bytes is over the {maxBytes:N0} byte limit (max_file_bytes)");
                return null;
            }

            bytes = File.ReadAllBytes(file.FullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            notice = new LintNotice(file.RelativePath, "unreadable", $"skipped: {ex.Message}");
            return null;
        }

        if (bytes.Length > maxBytes)
        {
            notice = new LintNotice(file.RelativePath, "too_large", $"skipped: {bytes.Length:N0} bytes is over the {maxBytes:N0} byte limit (max_file_bytes)");
            return null;
        }

        var span = bytes.AsSpan();
        string text;
        if (span.StartsWith(new byte[] { 0xFF, 0xFE }) || span.StartsWith(new byte[] { 0xFE, 0xFF }))
        {
            var encoding = span[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode;
            text = encoding.GetString(span[2..]);
        }
        else
        {
            if (span.StartsWith("\uFEFF"u8))
            {
                span = span[3..];
            }

            if (span[..Math.Min(span.Length, 8192)].Contains((byte)0))
            {
                notice = new LintNotice(file.RelativePath, "binary", "skipped: binary file (NUL bytes)");
                return null;
            }

            try
            {
                text = StrictUtf8.GetString(span);
            }
            catch (DecoderFallbackException)
            {
                notice = new LintNotice(file.RelativePath, "binary", "skipped: not valid UTF-8 text");
                return null;
            }
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            notice = new LintNotice(file.RelativePath, "binary", "skipped: binary file (NUL characters)");
            return null;
        }

        return text;
    }
}
