using System.Text.RegularExpressions;
using LlmSecOps.Core.Policy;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Guard.Scanners.Common;

namespace LlmSecOps.Guard.Scanners.Exfiltration;

/// <summary>
/// Detects links in a completion that would carry data to a host the policy does not allow:
/// markdown images, HTML images (and other auto-loading tags), markdown links and bare URLs
/// whose query, fragment or path holds encoded, long, high-entropy or conversational values.
/// A markdown image to an unknown host with data is the classic exfiltration channel (the
/// client fetches it without a click) and scores highest: any data makes it 0.8 or more. A link
/// needs a click, so only strong evidence (an encoded value, system-prompt text) takes it over
/// 0.5; prose or a repeated question in a link (a search link) stays under 0.45, and a plain link
/// without data is not reported. Hosts in <c>links.allowed_hosts</c>, and their subdomains, are never reported.
/// Safe on cut-off text: a half-written URL is judged on what has arrived.
/// </summary>
internal sealed class ExfiltrationLinkScanner : Scanner
{
    private static readonly string[] ScannerCategories = [FindingCategories.ExfiltrationLink];
    private static readonly string[] AutoLoadTags = ["<img", "<iframe", "<script", "<video", "<audio", "<source", "<embed", "<object", "<link"];

    private readonly ExfiltrationLinkScannerOptions _options;

    public ExfiltrationLinkScanner(ExfiltrationLinkScannerOptions? options = null)
    {
        _options = options ?? ExfiltrationLinkScannerOptions.Default;
        OptionsValidation.ThrowIfInvalid(_options.Validate(), nameof(options));
    }

    public override string Name => "exfiltration_link";

    public override IReadOnlyList<string> Categories => ScannerCategories;

    public override bool Supports(Direction direction) => direction is Direction.Output or Direction.ToolCall;

    public override ValueTask<ScanResult> ScanAsync(ScanContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var text = context.Text;
        if (!text.Contains("//", StringComparison.Ordinal))
        {
            return ScanResult.Empty.AsTask();
        }

        var urls = new List<TextSpan>();
        try
        {
            for (var m = LinkPatterns.AbsoluteUrl().Match(text); m.Success && urls.Count < _options.MaxUrls; m = m.NextMatch())
            {
                urls.Add(Trim(text, m.Index, m.Length));
            }

            for (var m = LinkPatterns.RelativeTarget().Match(text); m.Success && urls.Count < _options.MaxUrls; m = m.NextMatch())
            {
                var g = m.Groups["u"];
                urls.Add(Trim(text, g.Index, g.Length));
            }
        }
        catch (RegexMatchTimeoutException)
        {
            return new ScanResult([new Finding
            {
                Category = FindingCategories.ExfiltrationLink,
                Rule = "exfiltration_link.scan_timeout",
                Score = 1.0,
                Severity = Severity.High,
                Message = "link scanning timed out; the text could not be cleared",
            }]).AsTask();
        }

        List<Finding>? findings = null;
        ConversationText? conversation = null;
        foreach (var span in urls)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var url = text.AsSpan(span.Start, span.Length);
            var parts = UrlParts.Parse(url);
            if (parts.Host.IsEmpty || IsAllowed(parts.Host, context.Policy))
            {
                continue;
            }

            conversation ??= new ConversationText(text, context.SystemPrompt);
            var (data, reason) = DataScore(parts, conversation);
            var kind = KindOf(text, span.Start);
            var image = kind is LinkKind.MarkdownImage or LinkKind.HtmlImage;
            var score = image
                ? data >= 0.5 ? 0.6 + (0.4 * data) : 0.3 + (0.3 * data)
                : data >= 0.8 ? 0.3 + (0.6 * data) : 0.1 + (0.4 * data);
            if (score < 0.2)
            {
                continue;
            }

            var host = parts.Host.ToString();
            (findings ??= []).Add(new Finding
            {
                Category = FindingCategories.ExfiltrationLink,
                Rule = "exfiltration_link." + RuleName(kind),
                Score = Math.Round(score, 3),
                Severity = score >= 0.8 ? Severity.High : score >= 0.5 ? Severity.Medium : Severity.Low,
                Span = span,
                Message = reason is null
                    ? $"{Describe(kind)} to non-allowed host {host}"
                    : $"{Describe(kind)} to non-allowed host {host} carrying data ({reason})",
                Evidence = string.Concat(url[..(url.IndexOf("//", StringComparison.Ordinal) + 2)], host, "/\u2026"),
                Entity = "URL",
            });
        }

        return ScanResult.From(findings).AsTask();
    }

    private (double Score, string? Reason) DataScore(UrlParts parts, ConversationText conversation)
    {
        var best = 0.0;
        string? reason = null;
        void Consider(double score, string why)
        {
            if (score > best)
            {
                best = score;
                reason = why;
            }
        }

        var query = parts.Query;
        if (query.Length >= 256)
        {
            Consider(0.7, $"{query.Length}-character query");
        }

        foreach (var range in query.Split('&'))
        {
            var pair = query[range];
            var eq = pair.IndexOf('=');
            var key = eq >= 0 ? pair[..eq] : pair;
            var value = eq >= 0 ? pair[(eq + 1)..] : ReadOnlySpan<char>.Empty;
            var (s, why) = ValueScore(Decode(value), conversation, "query value");
            Consider(s, why);
            if (key.Length >= _options.EncodedValueLength)
            {
                var (ks, kwhy) = ValueScore(Decode(key), conversation, "query key");
                Consider(ks, kwhy);
            }
        }

        if (!parts.Fragment.IsEmpty)
        {
            var (s, why) = ValueScore(Decode(parts.Fragment), conversation, "fragment");
            Consider(s, why);
        }

        foreach (var range in parts.Path.Split('/'))
        {
            var segment = Decode(parts.Path[range]);
            if (segment.Length == 0)
            {
                continue;
            }

            var (prose, words) = Prose(segment, conversation);
            if (prose > 0)
            {
                Consider(prose, words);
            }
            else if (segment.Length >= _options.EncodedSegmentLength)
            {
                var entropy = ShannonEntropy.BitsPerChar(segment);
                var mixed = segment.AsSpan().ContainsAnyInRange('a', 'z') && segment.AsSpan().ContainsAnyInRange('A', 'Z') && segment.AsSpan().ContainsAnyInRange('0', '9');
                if (entropy >= 4.0 && mixed)
                {
                    Consider(0.85, $"encoded {segment.Length}-character path segment");
                }
                else if (entropy >= 3.5)
                {
                    // Hex ids and UUIDs in paths are usually resource names, not payloads.
                    Consider(0.4, $"{segment.Length}-character path identifier");
                }
            }
        }

        return (best, best >= 0.25 ? reason : null);
    }

    private (double Score, string Reason) ValueScore(string value, ConversationText conversation, string where)
    {
        if (value.Length == 0)
        {
            return (0, where);
        }

        var (prose, why) = Prose(value, conversation);
        if (prose > 0)
        {
            return (prose, $"{why} in {where}");
        }

        if (value.Length >= _options.EncodedValueLength && !value.Contains(' ', StringComparison.Ordinal) &&
            ShannonEntropy.BitsPerChar(value) >= 3.5 && ShannonEntropy.CharClasses(value) >= 2)
        {
            return (0.9, $"encoded {value.Length}-character {where}");
        }

        if (value.Length >= 64)
        {
            return (0.7, $"{value.Length}-character {where}");
        }

        if (conversation.Contains(value))
        {
            return (0.8, $"text from the conversation in {where}");
        }

        return (value.Length >= 8 ? 0.25 : 0.1, where);
    }

    private (double Score, string Reason) Prose(string value, ConversationText conversation)
    {
        var words = 0;
        var inWord = false;
        foreach (var c in value)
        {
            if (char.IsLetter(c))
            {
                if (!inWord)
                {
                    words++;
                    inWord = true;
                }
            }
            else
            {
                inWord = false;
            }
        }

        var spaced = value.Contains(' ', StringComparison.Ordinal);
        if (!spaced || words < 3)
        {
            return (0, string.Empty);
        }

        switch (conversation.SharesPhrase(value))
        {
            case PhraseSource.SystemPrompt:
                return (0.95, "text from the system prompt");
            case PhraseSource.Completion:
                // Search links repeat the question; only an auto-loading image makes this exfiltration.
                return (0.6, "text from the conversation");
        }

        return words >= _options.ProseWords ? (0.6, $"{words} words of prose") : (0, string.Empty);
    }

    private static string Decode(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return string.Empty;
        }

        var s = value.ToString();
        if (s.Contains('+', StringComparison.Ordinal))
        {
            s = s.Replace('+', ' ');
        }

        return s.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(s) : s;
    }

    private static bool IsAllowed(ReadOnlySpan<char> host, GuardPolicy policy)
    {
        foreach (var entry in policy.AllowedLinkHosts)
        {
            var allowed = entry.AsSpan().Trim();
            if (allowed.StartsWith("*.", StringComparison.Ordinal))
            {
                allowed = allowed[2..];
            }
            else if (allowed.StartsWith('.'))
            {
                allowed = allowed[1..];
            }

            if (allowed.IsEmpty)
            {
                continue;
            }

            if (host.Equals(allowed, StringComparison.OrdinalIgnoreCase) ||
                (host.Length > allowed.Length && host[^(allowed.Length + 1)] == '.' && host.EndsWith(allowed, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>How the URL starting at <paramref name="start"/> is embedded.</summary>
    internal static LinkKind KindOf(string text, int start)
    {
        var i = start - 1;
        while (i >= 0 && (text[i] == '<' || text[i] == ' ' || text[i] == '\t'))
        {
            i--;
        }

        if (i >= 1 && text[i] == '(' && text[i - 1] == ']')
        {
            var depth = 0;
            for (var j = i - 1; j >= 0 && i - j < 2000; j--)
            {
                if (text[j] == ']')
                {
                    depth++;
                }
                else if (text[j] == '[')
                {
                    depth--;
                    if (depth == 0)
                    {
                        return j > 0 && text[j - 1] == '!' ? LinkKind.MarkdownImage : LinkKind.Link;
                    }
                }
            }

            return LinkKind.Link;
        }

        // Inside an HTML tag: the last '<' before the URL with no '>' after it.
        var windowStart = Math.Max(0, start - 1024);
        var before = text.AsSpan(windowStart, start - windowStart);
        var lt = before.LastIndexOf('<');
        if (lt >= 0 && before[lt..].IndexOf('>') < 0)
        {
            var tag = before[lt..];
            foreach (var auto in AutoLoadTags)
            {
                if (tag.StartsWith(auto, StringComparison.OrdinalIgnoreCase) && tag.Length > auto.Length && !char.IsLetter(tag[auto.Length]))
                {
                    return LinkKind.HtmlImage;
                }
            }

            return LinkKind.Link;
        }

        // A reference definition "[id]: url", used by an image "![alt][id]" or by a link.
        var lineStart = before.LastIndexOf('\n') + 1;
        var line = before[lineStart..].TrimStart();
        if (line.StartsWith('[') && line.IndexOf("]:", StringComparison.Ordinal) is > 0 and var close)
        {
            var id = line[1..close].ToString();
            return text.Contains("][" + id + "]", StringComparison.OrdinalIgnoreCase) && text.Contains("![", StringComparison.Ordinal)
                ? LinkKind.MarkdownImage
                : LinkKind.Link;
        }

        return LinkKind.Bare;
    }

    // A URL regex is greedy up to whitespace; punctuation that ends the sentence, and a closing
    // parenthesis, bracket or emphasis that belongs to the surrounding markdown, are not part of it.
    private static TextSpan Trim(string text, int start, int length)
    {
        var end = start + length;
        while (end > start)
        {
            var c = text[end - 1];
            if (c is '.' or ',' or ';' or ':' or '!' or '?' or '*' or '_' or '~' or ']' or '}')
            {
                end--;
                continue;
            }

            if (c == ')')
            {
                var url = text.AsSpan(start, end - start);
                if (url.Count('(') < url.Count(')'))
                {
                    end--;
                    continue;
                }
            }

            break;
        }

        return TextSpan.FromBounds(start, end);
    }

    private static string RuleName(LinkKind kind) => kind switch
    {
        LinkKind.MarkdownImage => "markdown_image",
        LinkKind.HtmlImage => "html_image",
        LinkKind.Link => "link",
        _ => "url",
    };

    private static string Describe(LinkKind kind) => kind switch
    {
        LinkKind.MarkdownImage => "markdown image",
        LinkKind.HtmlImage => "HTML image or embed",
        LinkKind.Link => "link",
        _ => "URL",
    };
}
