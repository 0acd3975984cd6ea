using System.Text;

namespace LlmSecOps.Guard.Tests.Scanners;

/// <summary>
/// Builds credential-shaped strings at run time from a seeded generator, so the repository holds
/// no string that a secret scanner would take for a live key.
/// </summary>
internal static class Fake
{
    public const string UpperDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    public const string AlnumChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    public const string LowerAlnumChars = "abcdefghijklmnopqrstuvwxyz0123456789";
    public const string HexChars = "0123456789abcdef";
    public const string DigitChars = "0123456789";
    public const string Base64Chars = AlnumChars + "+/";
    public const string Base64UrlChars = AlnumChars + "-_";
    public const string LetterChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    public const string LowerChars = "abcdefghijklmnopqrstuvwxyz";
    public const string Bech32Chars = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

    public static string Chars(string alphabet, int length, int seed = 7)
    {
        var random = new Random(seed * 7919 + length);
        var sb = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            sb.Append(alphabet[random.Next(alphabet.Length)]);
        }

        return sb.ToString();
    }

    public static string Alnum(int length, int seed = 7) => Chars(AlnumChars, length, seed);

    public static string Hex(int length, int seed = 7) => Chars(HexChars, length, seed);

    public static string Digits(int length, int seed = 7) => Chars(DigitChars, length, seed);

    public static string B64(int length, int seed = 7) => Chars(Base64Chars, length, seed);

    public static string B64Url(int length, int seed = 7) => Chars(Base64UrlChars, length, seed);

    public static string Base64UrlOf(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Seeded random text of printable ASCII, words, digits and a little Unicode.</summary>
    public static string RandomText(Random random, int length)
    {
        const string pool = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:!?-_/\\@#$%^&*()[]{}<>\"'`~+=|\n\t";
        var sb = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            var roll = random.Next(100);
            sb.Append(roll switch
            {
                < 90 => pool[random.Next(pool.Length)],
                < 95 => (char)random.Next(0x80, 0x3000),
                < 98 => (char)random.Next(0x3000, 0xD7FF),
                _ => (char)random.Next(0xD800, 0xE000), // lone surrogates: malformed UTF-16 must not crash anything
            });
        }

        return sb.ToString();
    }
}
