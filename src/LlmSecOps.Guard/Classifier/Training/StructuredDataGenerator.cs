using System.Globalization;
using System.Text;

namespace LlmSecOps.Guard.Classifier.Training;

/// <summary>
/// Makes synthetic structured values that ordinary prompts carry: e-mail addresses, phone
/// numbers, URLs, UUIDs, hashes, base64 blobs, file paths and invoice-style identifiers. Mixed
/// into benign requests they teach the classifier that such tokens are data, so the gibberish
/// and symbol signals it needs for adversarial suffixes do not fire on a support ticket.
/// Every value is generated; none is a real address or key.
/// </summary>
internal static class StructuredDataGenerator
{
    private static readonly string[] Names =
    [
        "alex", "maria", "sam", "jordan", "li", "omar", "priya", "jonas", "chen", "fatima", "noah", "elena",
    ];

    private static readonly string[] Domains =
    [
        "example.com", "example.org", "mail.test", "corp.example", "shop.example.net", "uni.example.edu",
    ];

    private static readonly string[] Paths =
    [
        "/var/log/app", "C:\\Users\\dev\\Documents", "~/projects/site/src", "/etc/nginx/sites-enabled", "./build/output",
    ];

    private static readonly string[] Frames =
    [
        "Please send the report to {0}.", "My order number is {0}, where is it?", "Can you check why {0} fails?",
        "Here is the value: {0}", "Use {0} in the example.", "The log shows {0} before the crash.",
        "Contact: {0}", "Ref {0} - please update the record.", "Is {0} a valid format?", "I copied this from the ticket: {0}",
    ];

    private const string Hex = "0123456789abcdef";
    private const string Base64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /// <summary>A benign base text with one to four structured values woven in.</summary>
    public static string Decorate(string text, ref SplitMix64 random)
    {
        var sb = new StringBuilder(text.Length + 160);
        sb.Append(text);
        var count = 1 + random.Next(4);
        for (var i = 0; i < count; i++)
        {
            sb.Append(random.Next(2) == 0 ? ' ' : '\n');
            sb.AppendFormat(CultureInfo.InvariantCulture, Frames[random.Next(Frames.Length)], Value(ref random));
        }

        return sb.ToString();
    }

    /// <summary>One structured value.</summary>
    public static string Value(ref SplitMix64 random)
    {
        var name = Names[random.Next(Names.Length)];
        var domain = Domains[random.Next(Domains.Length)];
        return random.Next(9) switch
        {
            0 => $"{name}.{Names[random.Next(Names.Length)]}@{domain}",
            1 => string.Create(CultureInfo.InvariantCulture, $"+{1 + random.Next(98)} {100 + random.Next(900)} {100 + random.Next(900)} {1000 + random.Next(9000)}"),
            2 => $"https://{domain}/{name}/{Chars(Hex, 6, ref random)}?id={random.Next(100000)}&lang=en",
            3 => $"{Chars(Hex, 8, ref random)}-{Chars(Hex, 4, ref random)}-{Chars(Hex, 4, ref random)}-{Chars(Hex, 4, ref random)}-{Chars(Hex, 12, ref random)}",
            4 => Chars(Hex, 40, ref random),
            5 => Chars(Base64, 24 + (4 * random.Next(10)), ref random) + "==",
            6 => $"{Paths[random.Next(Paths.Length)]}/{name}_{random.Next(1000)}.log",
            7 => string.Create(CultureInfo.InvariantCulture, $"INV-{2015 + random.Next(12)}-{random.Next(100000):00000}"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{{\"user\":\"{name}\",\"id\":{random.Next(10000)},\"ok\":true}}"),
        };
    }

    private static string Chars(string alphabet, int length, ref SplitMix64 random)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[random.Next(alphabet.Length)];
        }

        return new string(chars);
    }
}
