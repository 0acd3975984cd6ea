using System.Text.RegularExpressions;
using LlmSecOps.Lint.Data;

namespace LlmSecOps.Lint.Documents;

/// <summary>Splits a Semantic Kernel template on <c>&lt;message role="…"&gt;…&lt;/message&gt;</c> tags into chat messages.</summary>
internal static partial class MessageTags
{
    public static IEnumerable<(TextPiece Text, string? Role)> Split(DataScalar template)
    {
        var text = template.Value;
        var matches = MessageRegex().Matches(text);
        if (matches.Count == 0)
        {
            yield return (new TextPiece(text, template.Origin), null);
            yield break;
        }

        foreach (Match m in matches)
        {
            var body = m.Groups["body"];
            yield return (new TextPiece(body.Value, template.Origin.Slice(body.Index)), m.Groups["role"].Value);
        }
    }

    [GeneratedRegex("""<message\s+role\s*=\s*["'](?<role>[A-Za-z_]+)["'][^>]*>(?<body>.*?)</message>""", RegexOptions.Singleline | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex MessageRegex();
}
