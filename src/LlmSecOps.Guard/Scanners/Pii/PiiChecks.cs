using System.Collections.Frozen;
using System.Net;
using System.Net.Sockets;

namespace LlmSecOps.Guard.Scanners.Pii;

/// <summary>Checksums and validity rules that turn loose candidates into personal data.</summary>
internal static class PiiChecks
{
    // Registered IBAN lengths per country (ISO 13616 registry).
    private static readonly FrozenDictionary<string, int> IbanLengths = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["AD"] = 24, ["AE"] = 23, ["AL"] = 28, ["AT"] = 20, ["AZ"] = 28, ["BA"] = 20, ["BE"] = 16, ["BG"] = 22,
        ["BH"] = 22, ["BI"] = 27, ["BR"] = 29, ["BY"] = 28, ["CH"] = 21, ["CR"] = 22, ["CY"] = 28, ["CZ"] = 24,
        ["DE"] = 22, ["DJ"] = 27, ["DK"] = 18, ["DO"] = 28, ["EE"] = 20, ["EG"] = 29, ["ES"] = 24, ["FI"] = 18,
        ["FK"] = 18, ["FO"] = 18, ["FR"] = 27, ["GB"] = 22, ["GE"] = 22, ["GI"] = 23, ["GL"] = 18, ["GR"] = 27,
        ["GT"] = 28, ["HR"] = 21, ["HU"] = 28, ["IE"] = 22, ["IL"] = 23, ["IQ"] = 23, ["IS"] = 26, ["IT"] = 27,
        ["JO"] = 30, ["KW"] = 30, ["KZ"] = 20, ["LB"] = 28, ["LC"] = 32, ["LI"] = 21, ["LT"] = 20, ["LU"] = 20,
        ["LV"] = 21, ["LY"] = 25, ["MC"] = 27, ["MD"] = 24, ["ME"] = 22, ["MK"] = 19, ["MN"] = 20, ["MR"] = 27,
        ["MT"] = 31, ["MU"] = 30, ["NI"] = 28, ["NL"] = 18, ["NO"] = 15, ["OM"] = 23, ["PK"] = 24, ["PL"] = 28,
        ["PS"] = 29, ["PT"] = 25, ["QA"] = 29, ["RO"] = 24, ["RS"] = 22, ["RU"] = 33, ["SA"] = 24, ["SC"] = 31,
        ["SD"] = 18, ["SE"] = 24, ["SI"] = 19, ["SK"] = 24, ["SM"] = 27, ["SO"] = 23, ["ST"] = 25, ["SV"] = 28,
        ["TL"] = 23, ["TN"] = 24, ["TR"] = 26, ["UA"] = 29, ["VA"] = 22, ["VG"] = 24, ["XK"] = 20, ["YE"] = 30,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenSet<string> NinoInvalidPrefixes =
        new[] { "BG", "GB", "KN", "NK", "NT", "TN", "ZZ" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Luhn (mod 10) check over the digits of a span, ignoring anything else.</summary>
    public static bool Luhn(ReadOnlySpan<char> value)
    {
        var sum = 0;
        var count = 0;
        var doubleIt = false;
        for (var i = value.Length - 1; i >= 0; i--)
        {
            var c = value[i];
            if (!char.IsAsciiDigit(c))
            {
                continue;
            }

            var d = c - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            count++;
            doubleIt = !doubleIt;
        }

        return count > 0 && sum % 10 == 0;
    }

    /// <summary>Copies the ASCII digits of a span; returns how many.</summary>
    public static int Digits(ReadOnlySpan<char> value, Span<char> digits)
    {
        var n = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                if (n == digits.Length)
                {
                    return -1;
                }

                digits[n++] = c;
            }
        }

        return n;
    }

    /// <summary>
    /// The card network for a number, when its issuer prefix and length belong to one; null when
    /// no known network issues numbers of that shape.
    /// </summary>
    public static string? CardNetwork(ReadOnlySpan<char> digits)
    {
        var len = digits.Length;
        if (len is < 13 or > 19)
        {
            return null;
        }

        var p2 = Prefix(digits, 2);
        var p3 = Prefix(digits, 3);
        var p4 = Prefix(digits, 4);
        var p6 = Prefix(digits, 6);
        if (digits[0] == '4' && len is 13 or 16 or 19)
        {
            return "visa";
        }

        if (((p2 is >= 51 and <= 55) || (p4 is >= 2221 and <= 2720)) && len == 16)
        {
            return "mastercard";
        }

        if (p2 is 34 or 37 && len == 15)
        {
            return "amex";
        }

        if ((p4 == 6011 || p3 is >= 644 and <= 649 || p2 == 65 || p6 is >= 622126 and <= 622925) && len >= 16)
        {
            return "discover";
        }

        if (p4 is >= 3528 and <= 3589 && len >= 16)
        {
            return "jcb";
        }

        if ((p3 is >= 300 and <= 305 || p2 is 36 or 38 or 39) && len >= 14)
        {
            return "diners";
        }

        if (p4 is >= 2200 and <= 2204 && len == 16)
        {
            return "mir";
        }

        if (p2 == 62 && len >= 16)
        {
            return "unionpay";
        }

        if (p2 is 50 or 56 or 57 or 58 or 63 or 67 && len >= 13)
        {
            return "maestro";
        }

        return null;
    }

    /// <summary>An IBAN: registered length for its country and ISO 7064 mod-97 remainder 1.</summary>
    public static bool Iban(ReadOnlySpan<char> value)
    {
        Span<char> compact = stackalloc char[40];
        var n = 0;
        foreach (var c in value)
        {
            if (c == ' ')
            {
                continue;
            }

            if (n == compact.Length || !char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }

            compact[n++] = char.ToUpperInvariant(c);
        }

        if (n < 15 || !char.IsAsciiLetter(compact[0]) || !char.IsAsciiLetter(compact[1]) ||
            !char.IsAsciiDigit(compact[2]) || !char.IsAsciiDigit(compact[3]))
        {
            return false;
        }

        var lookup = IbanLengths.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(compact[..2], out var expected) || expected != n)
        {
            return false;
        }

        // Move the first four characters to the end, letters become 10..35, then mod 97.
        var remainder = 0;
        for (var i = 0; i < n; i++)
        {
            var c = compact[(i + 4) % n];
            if (char.IsAsciiDigit(c))
            {
                remainder = ((remainder * 10) + (c - '0')) % 97;
            }
            else
            {
                remainder = ((remainder * 100) + (c - 'A' + 10)) % 97;
            }
        }

        return remainder == 1;
    }

    /// <summary>
    /// A US social security number in an issuable range: area not 000, 666 or 900–999, group not 00,
    /// serial not 0000, and not one of the numbers voided after being published in advertising.
    /// </summary>
    public static bool UsSsn(ReadOnlySpan<char> area, ReadOnlySpan<char> group, ReadOnlySpan<char> serial)
    {
        if (area is "000" or "666" || area[0] == '9' || group is "00" || serial is "0000")
        {
            return false;
        }

        return !(area is "078" && group is "05" && serial is "1120") && !(area is "219" && group is "09" && serial is "9999");
    }

    /// <summary>A UK National Insurance number: valid letters (the pattern) and no unissued prefix.</summary>
    public static bool UkNino(ReadOnlySpan<char> value) =>
        !NinoInvalidPrefixes.GetAlternateLookup<ReadOnlySpan<char>>().Contains(value[..2]);

    /// <summary>A Canadian social insurance number: Luhn-valid, first digit not 0 or 8.</summary>
    public static bool CaSin(ReadOnlySpan<char> value) => value[0] is not ('0' or '8') && Luhn(value);

    /// <summary>Whether an IPv4 address is worth reporting, and how sure (0 to skip).</summary>
    public static double IPv4Score(ReadOnlySpan<char> value)
    {
        if (!IPAddress.TryParse(value, out var address) || address.AddressFamily != AddressFamily.InterNetwork)
        {
            return 0;
        }

        Span<byte> b = stackalloc byte[4];
        address.TryWriteBytes(b, out _);

        // Unspecified, loopback, broadcast and netmask-looking values identify nobody.
        if (b[0] is 0 or 127 or 255)
        {
            return 0;
        }

        var isPrivate = b[0] == 10 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168) ||
                        (b[0] == 169 && b[1] == 254) || (b[0] == 100 && b[1] is >= 64 and <= 127);
        return isPrivate ? 0.6 : 0.8;
    }

    /// <summary>Whether an IPv6 candidate is a real, reportable address.</summary>
    public static double IPv6Score(ReadOnlySpan<char> value)
    {
        var groups = 0;
        var hasDigit = false;
        var inGroup = false;
        foreach (var c in value)
        {
            if (c == '%')
            {
                break;
            }

            if (c is ':' or '.')
            {
                inGroup = false;
                continue;
            }

            hasDigit |= char.IsAsciiDigit(c);
            if (!inGroup)
            {
                groups++;
                inGroup = true;
            }
        }

        // "a::b", "dead::beef" and C++ scope operators parse as addresses; real ones have more.
        if (groups < 3 || !hasDigit)
        {
            return 0;
        }

        if (!IPAddress.TryParse(value, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6 ||
            IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6Any))
        {
            return 0;
        }

        return address.IsIPv6LinkLocal || address.IsIPv6UniqueLocal || address.IsIPv6SiteLocal ? 0.6 : 0.8;
    }

    private static int Prefix(ReadOnlySpan<char> digits, int n)
    {
        var v = 0;
        for (var i = 0; i < n && i < digits.Length; i++)
        {
            v = (v * 10) + (digits[i] - '0');
        }

        return v;
    }
}
