using System.Text;

namespace LlmSecOps.Server.Gateway.Http;

/// <summary>
/// JSON may carry escaped lone surrogates (<c>"\ud800"</c>) that no UTF-8 writer can encode.
/// Text the gateway writes back out goes through <see cref="Clean"/>, which replaces them with
/// U+FFFD, so hostile input cannot make serialisation throw.
/// </summary>
internal static class JsonText
{
    /// <summary>The text with lone surrogates replaced; the same instance when there are none.</summary>
    public static string Clean(string text)
    {
        var i = FirstLone(text);
        if (i < 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        sb.Append(text, 0, i);
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[i + 1]);
                i++;
            }
            else
            {
                sb.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
            }
        }

        return sb.ToString();
    }

    private static int FirstLone(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!char.IsSurrogate(c))
            {
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            return i;
        }

        return -1;
    }

    /// <summary>
    /// Decodes a JSON string literal (with its quotes) the reader refused, replacing escaped lone
    /// surrogates (and any other undecodable escape) with U+FFFD.
    /// </summary>
    public static string DecodeLenient(string literal)
    {
        var span = literal.AsSpan();
        if (span.Length >= 2 && span[0] == '"' && span[^1] == '"')
        {
            span = span[1..^1];
        }

        var sb = new StringBuilder(span.Length);
        for (var i = 0; i < span.Length; i++)
        {
            var c = span[i];
            if (c != '\\' || i + 1 >= span.Length)
            {
                sb.Append(c);
                continue;
            }

            var e = span[++i];
            switch (e)
            {
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'u' when i + 4 < span.Length && int.TryParse(span.Slice(i + 1, 4), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var code):
                    sb.Append((char)code);
                    i += 4;
                    break;
                case 'u':
                    sb.Append('\uFFFD');
                    break;
                default: sb.Append(e); break;
            }
        }

        return Clean(sb.ToString());
    }
}
