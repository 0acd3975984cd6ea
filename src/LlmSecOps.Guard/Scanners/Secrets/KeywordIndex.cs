using System.Buffers;

namespace LlmSecOps.Guard.Scanners.Secrets;

/// <summary>
/// Every rule keyword in one case-insensitive multi-string search, so a text is read once to learn
/// which keywords occur (and where, for rules anchored at their keywords) instead of once per rule.
/// </summary>
internal sealed class KeywordIndex
{
    private const int MaxAnchors = 1 << 16;

    private readonly string[] _keywords;
    private readonly bool[] _anchor;
    private readonly SearchValues<string> _finder;

    public KeywordIndex(IReadOnlyList<SecretRule> rules)
    {
        var keywords = new List<string>();
        var anchor = new List<bool>();
        var ids = new int[rules.Count][];
        for (var r = 0; r < rules.Count; r++)
        {
            var rule = rules[r];
            ids[r] = new int[rule.Keywords.Count];
            for (var k = 0; k < rule.Keywords.Count; k++)
            {
                var keyword = rule.Keywords[k].ToLowerInvariant();
                var id = keywords.IndexOf(keyword);
                if (id < 0)
                {
                    id = keywords.Count;
                    keywords.Add(keyword);
                    anchor.Add(false);
                }

                anchor[id] |= rule.AnchoredAtKeywords;
                ids[r][k] = id;
            }
        }

        _keywords = [.. keywords];
        _anchor = [.. anchor];
        _finder = SearchValues.Create(_keywords, StringComparison.OrdinalIgnoreCase);
        RuleKeywords = ids;
    }

    /// <summary>Per rule, the ids of its keywords.</summary>
    public int[][] RuleKeywords { get; }

    /// <summary>Number of distinct keywords.</summary>
    public int Count => _keywords.Length;

    /// <summary>
    /// Marks in <paramref name="present"/> the keywords that occur in the text and returns the
    /// positions where a keyword of an anchored rule starts (ascending).
    /// </summary>
    public List<int>? Scan(ReadOnlySpan<char> text, Span<bool> present)
    {
        present.Clear();
        List<int>? anchors = null;
        var offset = 0;
        while (offset < text.Length)
        {
            var rel = text[offset..].IndexOfAny(_finder);
            if (rel < 0)
            {
                break;
            }

            var at = offset + rel;
            var rest = text[at..];
            var anchored = false;
            for (var k = 0; k < _keywords.Length; k++)
            {
                if (rest.StartsWith(_keywords[k], StringComparison.OrdinalIgnoreCase))
                {
                    present[k] = true;
                    anchored |= _anchor[k];
                }
            }

            if (anchored && (anchors ??= []).Count < MaxAnchors)
            {
                anchors.Add(at);
            }

            offset = at + 1;
        }

        return anchors;
    }
}
