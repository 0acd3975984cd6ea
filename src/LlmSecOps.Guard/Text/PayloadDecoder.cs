using System.Buffers;
using System.Net;
using System.Text;
using System.Text.Unicode;
using LlmSecOps.Core.Scanning;

namespace LlmSecOps.Guard.Text;

/// <summary>
/// Finds encoded payloads in a text (base64 in both alphabets, hex in continuous and separated
/// forms, URL percent-encoding, HTML entities, <c>\u</c> escapes, binary, rot13, reversed text,
/// Unicode tag characters and variation-selector smuggling) and decodes them, peeling nested
/// encodings up to a bounded depth. Only decodes that read as text are kept. Work is bounded by
/// <see cref="PayloadDecoderLimits"/>, so megabyte inputs stay linear.
/// </summary>
public static class PayloadDecoder
{
    /// <summary>Every payload found, decoded.</summary>
    public static IReadOnlyList<DecodedPayload> DecodeAll(string text) => DecodeAll(text, PayloadDecoderLimits.Default);

    internal static IReadOnlyList<DecodedPayload> DecodeAll(string text, PayloadDecoderLimits limits)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(limits);
        if (text.Length < 4)
        {
            return [];
        }

        var state = new State(limits);
        foreach (var (hidden, span) in TextNormalizer.DecodeTagCharacters(text))
        {
            if (!state.Add(hidden, [], "unicode_tags", span, out var chain))
            {
                break;
            }

            Scan(hidden, chain, span, 1, state);
        }

        Scan(text, [], null, 0, state);
        return (IReadOnlyList<DecodedPayload>?)state.Payloads ?? [];
    }

    private sealed class State(PayloadDecoderLimits limits)
    {
        public PayloadDecoderLimits Limits { get; } = limits;

        public List<DecodedPayload>? Payloads { get; private set; }

        public int Attempts { get; set; }

        public int DecodedChars { get; set; }

        public bool Exhausted => Attempts >= Limits.MaxAttempts || (Payloads?.Count ?? 0) >= Limits.MaxPayloads
            || DecodedChars >= Limits.MaxDecodedChars;

        public int RemainingChars => Math.Max(0, Limits.MaxDecodedChars - DecodedChars);

        public bool Add(string decoded, string[] outer, string encoding, TextSpan span, out string[] chain)
        {
            chain = [.. outer, encoding];
            if ((Payloads?.Count ?? 0) >= Limits.MaxPayloads)
            {
                return false;
            }

            DecodedChars += decoded.Length;
            (Payloads ??= []).Add(new DecodedPayload(decoded, chain, span));
            return true;
        }
    }

    private static void Scan(string text, string[] chain, TextSpan? outer, int depth, State state)
    {
        if (depth >= state.Limits.MaxDepth || state.Exhausted)
        {
            return;
        }

        // Candidates are collected first so that a nested scan does not interleave with this level.
        var found = new List<(string Decoded, string Encoding, int Start, int End)>();
        FindRuns(text, state, found);
        FindEscapedHex(text, state, found);
        FindPercent(text, state, found);
        FindEntities(text, state, found);
        FindUnicodeEscapes(text, state, found);
        FindVariationSelectors(text, state, found);
        FindCiphers(text, state, found);

        foreach (var (decoded, encoding, start, end) in found)
        {
            var span = outer ?? TextSpan.FromBounds(start, end);
            if (!state.Add(decoded, chain, encoding, span, out var inner))
            {
                return;
            }

            if (decoded.Length >= 8)
            {
                Scan(decoded, inner, span, depth + 1, state);
            }
        }
    }

    private static bool TryAttempt(State state)
    {
        if (state.Exhausted)
        {
            return false;
        }

        state.Attempts++;
        return true;
    }

    /// <summary>Whether decoded text reads as text: mostly letters, no control characters.</summary>
    internal static bool IsReadable(ReadOnlySpan<char> s)
    {
        var nonSpace = 0;
        var letters = 0;
        var bad = 0;
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c))
            {
                continue;
            }

            nonSpace++;
            if (char.IsLetter(c))
            {
                letters++;
            }
            else if (char.IsControl(c) || c == '\uFFFD' || char.IsSurrogate(c) || c is >= '\uE000' and <= '\uF8FF')
            {
                bad++;
            }
        }

        return nonSpace >= 3 && bad * 20 <= nonSpace && letters * 2 >= nonSpace;
    }

    // An intermediate layer of a nested encoding (hex inside base64, …): a long run of
    // printable ASCII without spaces. Random bytes almost never decode to one.
    private static bool LooksEncoded(ReadOnlySpan<char> s) =>
        s.Length >= 16 && !s.ContainsAnyExceptInRange('\u0021', '\u007E');

    private static string? DecodeUtf8(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return null;
        }

        var chars = ArrayPool<char>.Shared.Rent(bytes.Length);
        try
        {
            var status = Utf8.ToUtf16(bytes, chars, out _, out var written, replaceInvalidSequences: false);
            if (status != OperationStatus.Done)
            {
                return null;
            }

            var s = chars.AsSpan(0, written);
            return IsReadable(s) || LooksEncoded(s) ? new string(s) : null;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private static readonly bool[] Base64Table = BuildBase64Table();

    private static bool[] BuildBase64Table()
    {
        var table = new bool[128];
        foreach (var c in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_")
        {
            table[c] = true;
        }

        return table;
    }

    private static bool IsBase64Char(char c) => c < 128 && Base64Table[c];

    // One pass over runs of base64 characters: long runs are tried as base64 and as hex, short
    // ones may start hex bytes ("49 67 6e", "0x49 0x67") or binary octets ("01001001 …").
    private static void FindRuns(string text, State state, List<(string, string, int, int)> found)
    {
        var min = Math.Min(state.Limits.MinBase64Length, state.Limits.MinHexLength);
        var span = text.AsSpan();
        var i = 0;
        while (i < span.Length)
        {
            // Runs are short in prose (one word each), so a table beats vectorised searches here.
            while (i < span.Length && !IsBase64Char(span[i]))
            {
                i++;
            }

            if (i >= span.Length)
            {
                return;
            }

            var start = i;
            var lineStart = i;
            var j = i;
            while (true)
            {
                while (j < span.Length && IsBase64Char(span[j]))
                {
                    j++;
                }

                // Base64 wrapped at a fixed width continues on the next line.
                var nl = j < span.Length && span[j] == '\r' ? j + 1 : j;
                if (j - lineStart >= 40 && nl + 1 < span.Length && span[nl] == '\n' && IsBase64Char(span[nl + 1]))
                {
                    j = nl + 1;
                    lineStart = j;
                    continue;
                }

                break;
            }

            var end = j;
            while (end < span.Length && span[end] == '=' && end - j < 2)
            {
                end++;
            }

            var run = span[start..j];
            var boundaryBefore = start == 0 || !char.IsAsciiLetterOrDigit(span[start - 1]);
            if (run.Length >= min)
            {
                TryLongRun(text, start, j, end, state, found);
            }
            else if (boundaryBefore && IsHexByteToken(run) && j < span.Length && span[j] is ' ' or ',' or ':')
            {
                end = Math.Max(end, TrySeparatedHex(text, start, state, found));
            }
            else if (boundaryBefore && run.Length == 8 && !run.ContainsAnyExcept('0', '1'))
            {
                end = Math.Max(end, TryBinary(text, start, state, found));
            }

            i = Math.Max(end, j + 1);
        }
    }

    private static bool IsHexByteToken(ReadOnlySpan<char> run) =>
        (run.Length == 2 && char.IsAsciiHexDigit(run[0]) && char.IsAsciiHexDigit(run[1]))
        || (run.Length == 4 && run[0] == '0' && run[1] is 'x' or 'X' && char.IsAsciiHexDigit(run[2]) && char.IsAsciiHexDigit(run[3]));

    private static void TryLongRun(string text, int start, int runEnd, int end, State state, List<(string, string, int, int)> found)
    {
        var run = text.AsSpan(start, runEnd - start);
        if (run.Length >= state.Limits.MinBase64Length && LooksLikeBase64(run) && TryAttempt(state))
        {
            var decoded = DecodeBase64(run, state.RemainingChars);
            if (decoded is not null)
            {
                found.Add((decoded, "base64", start, end));
                return;
            }
        }

        // Hex digits, optionally after "0x". Short runs of digits only are numbers; long ones may be
        // hex of hex (the hex digits of text encode to digits only).
        var hex = run.Length > 2 && run[0] == '0' && run[1] is 'x' or 'X' ? run[2..] : run;
        var hexLetters = hex.ContainsAnyInRange('a', 'f') || hex.ContainsAnyInRange('A', 'F');
        if (hex.Length >= state.Limits.MinHexLength && hex.Length % 2 == 0 && (hexLetters || hex.Length >= 32) && IsAllHex(hex)
            && TryAttempt(state))
        {
            var decoded = DecodeHexPairs(hex[..Math.Min(hex.Length, state.RemainingChars * 2)]);
            if (decoded is not null)
            {
                found.Add((decoded, "hex", start, runEnd));
            }
        }
    }

    // Hex bytes one by one: "49 67 6e", "0x49,0x67", "49:67:6e", "\x49\x67".
    private static int TrySeparatedHex(string text, int start, State state, List<(string, string, int, int)> found)
    {
        var bytes = new List<byte>();
        var p = start;
        var end = start;
        while (p < text.Length && bytes.Count < state.RemainingChars)
        {
            var q = p;
            if (q + 1 < text.Length && text[q] is '\\' or '0' && text[q + 1] is 'x' or 'X')
            {
                q += 2;
            }

            if (q + 1 >= text.Length || !char.IsAsciiHexDigit(text[q]) || !char.IsAsciiHexDigit(text[q + 1])
                || (q + 2 < text.Length && char.IsAsciiLetterOrDigit(text[q + 2])))
            {
                break;
            }

            bytes.Add((byte)((HexValue(text[q]) << 4) | HexValue(text[q + 1])));
            end = q + 2;
            p = end;
            if (p < text.Length && text[p] is ' ' or ',' or ':' or '-')
            {
                p++;
                if (p < text.Length && text[p] == ' ')
                {
                    p++;
                }
            }
        }

        if (bytes.Count >= 6 && TryAttempt(state))
        {
            var decoded = DecodeUtf8(bytes.ToArray());
            if (decoded is not null && IsReadable(decoded))
            {
                found.Add((decoded, "hex", start, end));
            }
        }

        return end;
    }

    private static void FindEscapedHex(string text, State state, List<(string, string, int, int)> found)
    {
        var from = 0;
        while (from < text.Length)
        {
            var at = text.IndexOf("\\x", from, StringComparison.Ordinal);
            if (at < 0)
            {
                return;
            }

            from = Math.Max(TrySeparatedHex(text, at, state, found), at + 2);
        }
    }

    // Groups of eight bits: "01001001 01100111 …".
    private static int TryBinary(string text, int start, State state, List<(string, string, int, int)> found)
    {
        var bytes = new List<byte>();
        var p = start;
        var end = start;
        while (p + 8 <= text.Length && bytes.Count < state.RemainingChars)
        {
            var value = 0;
            var ok = true;
            for (var k = 0; k < 8; k++)
            {
                var c = text[p + k];
                if (c is not ('0' or '1'))
                {
                    ok = false;
                    break;
                }

                value = (value << 1) | (c - '0');
            }

            if (!ok)
            {
                break;
            }

            bytes.Add((byte)value);
            p += 8;
            end = p;
            if (p < text.Length && text[p] == ' ')
            {
                p++;
            }
        }

        if (bytes.Count >= 4 && TryAttempt(state))
        {
            var decoded = DecodeUtf8(bytes.ToArray());
            if (decoded is not null)
            {
                found.Add((decoded, "binary", start, end));
            }
        }

        return end;
    }

    private static bool LooksLikeBase64(ReadOnlySpan<char> run)
    {
        bool upper = false, lower = false, digit = false, std = false, url = false;
        foreach (var c in run)
        {
            if (char.IsAsciiLetterUpper(c))
            {
                upper = true;
            }
            else if (char.IsAsciiLetterLower(c))
            {
                lower = true;
            }
            else if (char.IsAsciiDigit(c))
            {
                digit = true;
            }
            else if (c is '+' or '/')
            {
                std = true;
            }
            else if (c is '-' or '_')
            {
                url = true;
            }
        }

        // The two alphabets do not mix; text encoded in base64 has both cases (or digits).
        return !(std && url) && ((upper && lower) || (digit && (upper || lower)));
    }

    private static string? DecodeBase64(ReadOnlySpan<char> run, int maxChars)
    {
        var length = run.Length;
        var cap = Math.Max(4, maxChars / 3 * 4);
        if (length > cap)
        {
            length = cap;
        }

        var buffer = ArrayPool<char>.Shared.Rent(length + 3);
        var bytes = ArrayPool<byte>.Shared.Rent((length / 4 * 3) + 3);
        try
        {
            var n = 0;
            for (var k = 0; k < run.Length && n < length; k++)
            {
                var c = run[k];
                if (c is '\r' or '\n')
                {
                    continue;
                }

                buffer[n++] = c switch
                {
                    '-' => '+',
                    '_' => '/',
                    _ => c,
                };
            }

            if (n % 4 == 1)
            {
                n--;
            }

            while (n % 4 != 0)
            {
                buffer[n++] = '=';
            }

            return Convert.TryFromBase64Chars(buffer.AsSpan(0, n), bytes, out var written)
                ? DecodeUtf8(bytes.AsSpan(0, written))
                : null;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static bool IsAllHex(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static string? DecodeHexPairs(ReadOnlySpan<char> hex)
    {
        var bytes = ArrayPool<byte>.Shared.Rent((hex.Length / 2) + 1);
        try
        {
            var n = 0;
            for (var k = 0; k + 1 < hex.Length; k += 2)
            {
                bytes[n++] = (byte)((HexValue(hex[k]) << 4) | HexValue(hex[k + 1]));
            }

            return DecodeUtf8(bytes.AsSpan(0, n));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => 0,
    };

    private static void FindPercent(string text, State state, List<(string, string, int, int)> found)
    {
        var from = 0;
        while (from < text.Length)
        {
            var pct = text.IndexOf('%', from);
            if (pct < 0)
            {
                return;
            }

            // The run of non-space characters around the escape.
            var start = pct;
            while (start > 0 && !char.IsWhiteSpace(text[start - 1]))
            {
                start--;
            }

            var end = pct;
            while (end < text.Length && !char.IsWhiteSpace(text[end]))
            {
                end++;
            }

            var escapes = 0;
            for (var k = start; k + 2 < end; k++)
            {
                if (text[k] == '%' && char.IsAsciiHexDigit(text[k + 1]) && char.IsAsciiHexDigit(text[k + 2]))
                {
                    escapes++;
                    k += 2;
                }
            }

            if (escapes >= 3 && TryAttempt(state))
            {
                var decoded = DecodePercent(text.AsSpan(start, Math.Min(end - start, state.RemainingChars * 3)));
                if (decoded is not null)
                {
                    found.Add((decoded, "url", start, end));
                }
            }

            from = end + 1;
        }
    }

    private static string? DecodePercent(ReadOnlySpan<char> run)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(run.Length * 3);
        try
        {
            var n = 0;
            for (var k = 0; k < run.Length; k++)
            {
                var c = run[k];
                if (c == '%' && k + 2 < run.Length && char.IsAsciiHexDigit(run[k + 1]) && char.IsAsciiHexDigit(run[k + 2]))
                {
                    bytes[n++] = (byte)((HexValue(run[k + 1]) << 4) | HexValue(run[k + 2]));
                    k += 2;
                }
                else if (c == '+')
                {
                    bytes[n++] = (byte)' ';
                }
                else
                {
                    n += Encoding.UTF8.GetBytes(run.Slice(k, char.IsHighSurrogate(c) && k + 1 < run.Length ? 2 : 1), bytes.AsSpan(n));
                    if (char.IsHighSurrogate(c))
                    {
                        k++;
                    }
                }
            }

            return DecodeUtf8(bytes.AsSpan(0, n));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    // Clusters of HTML character references ("&#73;&#103;", "&#x49;", "&lt;") close together.
    private static void FindEntities(string text, State state, List<(string, string, int, int)> found)
    {
        var from = 0;
        while (from < text.Length)
        {
            var amp = text.IndexOf('&', from);
            if (amp < 0)
            {
                return;
            }

            var count = 0;
            var start = amp;
            var end = amp;
            var p = amp;
            while (p < text.Length && p - end <= 8)
            {
                if (text[p] == '&' && EntityLength(text.AsSpan(p)) is > 0 and var len)
                {
                    count++;
                    end = p + len;
                    p = end;
                }
                else
                {
                    p++;
                }
            }

            if (count >= 3 && TryAttempt(state))
            {
                var decoded = DecodeEntities(text.AsSpan(start, Math.Min(end - start, state.RemainingChars * 8)));
                if (decoded is not null)
                {
                    found.Add((decoded, "html_entities", start, end));
                }
            }

            from = Math.Max(end, amp + 1);
        }
    }

    // Length of an entity at the start of s ("&#73;", "&#x49", "&amp;"), or 0.
    private static int EntityLength(ReadOnlySpan<char> s)
    {
        if (s.Length < 3 || s[0] != '&')
        {
            return 0;
        }

        var k = 1;
        if (s[1] == '#')
        {
            k = 2;
            var hex = k < s.Length && s[k] is 'x' or 'X';
            if (hex)
            {
                k++;
            }

            var digits = k;
            while (k < s.Length && k - digits < 7 && (hex ? char.IsAsciiHexDigit(s[k]) : char.IsAsciiDigit(s[k])))
            {
                k++;
            }

            if (k == digits)
            {
                return 0;
            }
        }
        else
        {
            while (k < s.Length && k < 12 && char.IsAsciiLetterOrDigit(s[k]))
            {
                k++;
            }

            if (k < 3 || k >= s.Length || s[k] != ';')
            {
                return 0;
            }
        }

        return k < s.Length && s[k] == ';' ? k + 1 : k;
    }

    private static string? DecodeEntities(ReadOnlySpan<char> run)
    {
        var sb = new StringBuilder(run.Length);
        for (var k = 0; k < run.Length;)
        {
            var len = run[k] == '&' ? EntityLength(run[k..]) : 0;
            if (len == 0)
            {
                sb.Append(run[k]);
                k++;
                continue;
            }

            var entity = run.Slice(k, len);
            if (entity[1] == '#')
            {
                var hex = entity[2] is 'x' or 'X';
                var digits = entity[(hex ? 3 : 2)..].TrimEnd(';');
                var value = 0;
                foreach (var d in digits)
                {
                    value = (value * (hex ? 16 : 10)) + HexValue(d);
                }

                if (value is > 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF))
                {
                    sb.Append(char.ConvertFromUtf32(value));
                }
            }
            else
            {
                sb.Append(WebUtility.HtmlDecode(entity.ToString()));
            }

            k += len;
        }

        var decoded = sb.ToString();
        return IsReadable(decoded) ? decoded : null;
    }

    // "\u0049\u0067…" and "\U00000049" escapes.
    private static void FindUnicodeEscapes(string text, State state, List<(string, string, int, int)> found)
    {
        var from = 0;
        while (from < text.Length)
        {
            var slash = text.IndexOf('\\', from);
            if (slash < 0)
            {
                return;
            }

            var sb = new StringBuilder();
            var count = 0;
            var p = slash;
            var end = slash;
            while (p + 5 < text.Length && text[p] == '\\' && text[p + 1] is 'u' or 'U')
            {
                var width = text[p + 1] == 'U' && p + 9 < text.Length && IsAllHex(text.AsSpan(p + 2, 8)) ? 8 : 4;
                if (p + 2 + width > text.Length || !IsAllHex(text.AsSpan(p + 2, width)))
                {
                    break;
                }

                var value = 0;
                foreach (var d in text.AsSpan(p + 2, width))
                {
                    value = (value * 16) + HexValue(d);
                }

                if (value is > 0 and <= 0x10FFFF && value is not (>= 0xD800 and <= 0xDFFF))
                {
                    sb.Append(char.ConvertFromUtf32(value));
                }
                else if (value is >= 0xD800 and <= 0xDFFF)
                {
                    sb.Append((char)value);
                }

                count++;
                p += 2 + width;
                end = p;
                if (sb.Length >= state.RemainingChars)
                {
                    break;
                }
            }

            if (count >= 3 && TryAttempt(state))
            {
                var decoded = sb.ToString();
                if (IsReadable(decoded) && !decoded.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF'))
                {
                    found.Add((decoded, "unicode_escape", slash, end));
                }
            }

            from = Math.Max(end, slash + 1);
        }
    }

    // Bytes hidden in variation selectors appended to a visible character: U+FE00–U+FE0F carry
    // 0–15 and U+E0100–U+E01EF carry 16–255.
    private static void FindVariationSelectors(string text, State state, List<(string, string, int, int)> found)
    {
        var span = text.AsSpan();
        if (span.IndexOfAnyInRange('\uFE00', '\uFE0F') < 0 && span.IndexOf('\uDB40') < 0)
        {
            return;
        }

        var bytes = new List<byte>();
        var start = -1;
        var i = 0;
        while (i <= span.Length)
        {
            var value = -1;
            var width = 1;
            if (i < span.Length)
            {
                var c = span[i];
                if (c is >= '\uFE00' and <= '\uFE0F')
                {
                    value = c - 0xFE00;
                }
                else if (c == '\uDB40' && i + 1 < span.Length && span[i + 1] is >= '\uDD00' and <= '\uDDEF')
                {
                    value = span[i + 1] - 0xDD00 + 16;
                    width = 2;
                }
            }

            if (value >= 0)
            {
                if (start < 0)
                {
                    start = i;
                    bytes.Clear();
                }

                bytes.Add((byte)value);
                i += width;
                continue;
            }

            if (start >= 0 && bytes.Count >= 4 && TryAttempt(state))
            {
                var decoded = DecodeUtf8(bytes.ToArray());
                if (decoded is not null)
                {
                    found.Add((decoded, "variation_selectors", start, i));
                }
            }

            start = -1;
            i++;
        }
    }

    // rot13 and reversed text: runs of words that are not English as written but are when
    // rotated (or read backwards).
    private static void FindCiphers(string text, State state, List<(string, string, int, int)> found)
    {
        var rot = new CipherRun();
        var rev = new CipherRun();
        Span<char> lower = stackalloc char[24];
        var words = 0;
        var i = 0;
        while (i < text.Length && words < state.Limits.MaxWordsForCiphers)
        {
            if (!char.IsAsciiLetter(text[i]))
            {
                i++;
                continue;
            }

            // Pack the lower-cased word while scanning it; long words go through a copy.
            var j = i;
            ulong key = 0;
            while (j < text.Length && char.IsAsciiLetter(text[j]))
            {
                if (j - i < PackedWordTable<byte>.MaxLength)
                {
                    key = (key << 6) | (uint)((text[j] | 0x20) - 'a' + 1);
                }

                j++;
            }

            words++;
            var match = WordList.Match.None;
            var length = j - i;
            if (length is >= 2 and <= PackedWordTable<byte>.MaxLength)
            {
                match = WordList.Classify(key);
            }
            else if (length is > PackedWordTable<byte>.MaxLength and <= 24)
            {
                for (var k = 0; k < length; k++)
                {
                    lower[k] = (char)(text[i + k] | 0x20);
                }

                match = WordList.Classify(lower[..length]);
            }

            rot.Step(text, i, j, length < 2, match, WordList.Match.Rot13, "rot13", state, found);
            rev.Step(text, i, j, length < 3, match, WordList.Match.Reversed, "reversed", state, found);
            i = j;
        }

        rot.Finish(text, "rot13", state, found);
        rev.Finish(text, "reversed", state, found);
    }

    private struct CipherRun
    {
        private int _start;
        private int _end;
        private int _hits;
        private int _words;

        public void Step(string text, int start, int end, bool tooShort, WordList.Match match, WordList.Match cipher, string encoding, State state, List<(string, string, int, int)> found)
        {
            if (tooShort)
            {
                return;
            }

            var plain = (match & WordList.Match.Known) != 0;
            var hit = (match & cipher) != 0;
            if (plain && !hit)
            {
                Finish(text, encoding, state, found);
                return;
            }

            if (_words == 0)
            {
                _start = start;
            }

            _words++;
            _end = end;
            if (hit && !plain)
            {
                _hits++;
            }
        }

        public void Finish(string text, string encoding, State state, List<(string, string, int, int)> found)
        {
            if (_hits >= 3 && _hits * 5 >= _words * 3 && TryAttempt(state))
            {
                var length = Math.Min(_end - _start, state.RemainingChars);
                var decoded = encoding == "rot13"
                    ? WordList.Rot13(text.Substring(_start, length))
                    : Reverse(text.AsSpan(_start, length));
                found.Add((decoded, encoding, _start, _start + length));
            }

            _hits = 0;
            _words = 0;
        }

        private static string Reverse(ReadOnlySpan<char> s)
        {
            var chars = s.ToArray();
            Array.Reverse(chars);
            return new string(chars);
        }
    }
}
