using System.Collections.Frozen;
using LlmSecOps.Guard.Text;

namespace LlmSecOps.Guard.Scanners.Injection;

/// <summary>
/// The words rules are written in, each with an id. A word is matched whole (<c>ignore</c>), by
/// prefix (<c>ignor*</c>, for inflected languages) or, in scripts written without spaces or
/// with particles glued to words (Han, kana, Hangul, Arabic, Thai), as a substring of a word.
/// Built once; lookups are allocation-free.
/// </summary>
internal sealed class Lexicon
{
    private const int StemKeyLength = 3;

    private readonly List<string> _names = [];
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _exact;
    private PackedWordTable<int> _packedExact = new([]);
    private PackedWordTable<(string Stem, int Id)[]> _packedStems = new([]);
    private PackedWordTable<bool> _joinPrefixes = new([]);
    private FrozenDictionary<string, (string Stem, int Id)[]>.AlternateLookup<ReadOnlySpan<char>> _stems;
    private FrozenDictionary<char, (string Keyword, int Id)[]> _keywords = FrozenDictionary<char, (string, int)[]>.Empty;
    private int[][] _expansions = [];

    /// <summary>Number of ids.</summary>
    public int Count => _names.Count;

    /// <summary>The entry an id stands for (for diagnostics).</summary>
    public string NameOf(int id) => _names[id];

    /// <summary>Whether the lexicon is frozen and ready for lookups.</summary>
    public bool IsFrozen { get; private set; }

    /// <summary>
    /// Returns the id of an entry, adding it while building: <c>word</c>, <c>stem*</c> or a keyword
    /// in a substring script. Entries are lower case.
    /// </summary>
    public int Intern(string entry)
    {
        // Folded as the text is (accents off Latin letters, one form of the Arabic yeh and kaf …),
        // so an entry written the usual way matches the normalised text.
        entry = CharFolding.FoldEntry(entry);
        if (_ids.TryGetValue(entry, out var id))
        {
            return id;
        }

        if (IsFrozen)
        {
            throw new InvalidOperationException("The lexicon is frozen.");
        }

        var word = entry.TrimEnd('*');
        if (word.Length == 0 || (word != ":" && !word.All(static c => char.IsLetterOrDigit(c) || c == '\'' || IsMark(c))))
        {
            throw new ArgumentException($"Lexicon entry '{entry}' is not a word.", nameof(entry));
        }

        if (entry.EndsWith('*') && word.Length < StemKeyLength && !CharFolding.IsSubstringScript(word[0]))
        {
            throw new ArgumentException($"Stem '{entry}' is shorter than {StemKeyLength} characters.", nameof(entry));
        }

        id = _names.Count;
        _names.Add(entry);
        _ids.Add(entry, id);
        return id;
    }

    /// <summary>Freezes the lexicon, building lookup tables and the expansion of every id.</summary>
    public void Freeze()
    {
        var exact = new Dictionary<string, int>(StringComparer.Ordinal);
        var stems = new Dictionary<string, List<(string, int)>>(StringComparer.Ordinal);
        var keywords = new Dictionary<char, List<(string, int)>>();
        for (var id = 0; id < _names.Count; id++)
        {
            var entry = _names[id];
            var word = entry.TrimEnd('*');
            if (CharFolding.IsSubstringScript(word[0]))
            {
                if (!keywords.TryGetValue(word[0], out var list))
                {
                    keywords[word[0]] = list = [];
                }

                list.Add((word, id));
            }
            else if (entry.EndsWith('*'))
            {
                var key = word[..StemKeyLength];
                if (!stems.TryGetValue(key, out var list))
                {
                    stems[key] = list = [];
                }

                list.Add((word, id));
            }
            else
            {
                exact[word] = id;
            }
        }

        _exact = exact.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        _stems = stems.ToFrozenDictionary(
                static kv => kv.Key,
                static kv => kv.Value.OrderByDescending(static s => s.Item1.Length).ToArray(),
                StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();
        _packedExact = new PackedWordTable<int>(exact);
        _packedStems = new PackedWordTable<(string, int)[]>(stems.Select(static kv =>
            KeyValuePair.Create(kv.Key, kv.Value.OrderByDescending(static s => s.Item1.Length).ToArray())));
        _joinPrefixes = new PackedWordTable<bool>(exact.Keys
            .Where(static w => w.Length >= 6 && w.All(char.IsAsciiLetterLower))
            .Select(static w => w[..StemKeyLength]).Distinct().Select(static p => KeyValuePair.Create(p, true)));
        _keywords = keywords.ToFrozenDictionary(
            static kv => kv.Key,
            static kv => kv.Value.OrderByDescending(static s => s.Item1.Length).ToArray());

        // A stem matches every word and longer stem it is a prefix of; a substring keyword every
        // longer keyword that contains it (the longest keyword wins at a position).
        var sorted = Enumerable.Range(0, _names.Count)
            .Select(id => (Word: _names[id].TrimEnd('*'), Id: id))
            .OrderBy(static e => e.Word, StringComparer.Ordinal)
            .ToArray();
        var keywordIds = sorted.Where(static e => CharFolding.IsSubstringScript(e.Word[0])).ToArray();
        _expansions = new int[_names.Count][];
        for (var id = 0; id < _names.Count; id++)
        {
            var entry = _names[id];
            var word = entry.TrimEnd('*');
            var set = new List<int> { id };
            if (CharFolding.IsSubstringScript(word[0]))
            {
                foreach (var (other, otherId) in keywordIds)
                {
                    if (otherId != id && other.Length >= word.Length && other.Contains(word, StringComparison.Ordinal))
                    {
                        set.Add(otherId);
                    }
                }
            }
            else if (entry.EndsWith('*'))
            {
                // Entries starting with the stem are contiguous in ordinal order.
                var lo = 0;
                var hi = sorted.Length;
                while (lo < hi)
                {
                    var mid = (lo + hi) / 2;
                    if (string.CompareOrdinal(sorted[mid].Word, word) < 0)
                    {
                        lo = mid + 1;
                    }
                    else
                    {
                        hi = mid;
                    }
                }

                for (var k = lo; k < sorted.Length && sorted[k].Word.StartsWith(word, StringComparison.Ordinal); k++)
                {
                    if (sorted[k].Id != id)
                    {
                        set.Add(sorted[k].Id);
                    }
                }
            }

            _expansions[id] = [.. set];
        }

        IsFrozen = true;
    }

    /// <summary>The ids a rule mentioning <paramref name="id"/> accepts.</summary>
    public int[] Expand(int id) => _expansions[id];

    /// <summary>The id of a whole word (exact, else the longest stem it starts with), or -1.</summary>
    public int Lookup(ReadOnlySpan<char> token)
    {
        int id;
        if (token.Length <= PackedWordTable<int>.MaxLength)
        {
            var key = PackedWordTable<int>.Pack(token);
            if (key != 0)
            {
                if (_packedExact.TryGetValue(key, out id))
                {
                    return id;
                }

                return token.Length >= StemKeyLength && _packedStems.TryGetValue(PackedWordTable<int>.Pack(token[..StemKeyLength]), out var list)
                    ? MatchStem(token, list)
                    : -1;
            }
        }

        if (_exact.TryGetValue(token, out id))
        {
            return id;
        }

        return token.Length >= StemKeyLength && _stems.TryGetValue(token[..StemKeyLength], out var stems) ? MatchStem(token, stems) : -1;
    }

    /// <summary>
    /// Looks a word up from keys its caller packed while scanning it: <paramref name="key"/> of the
    /// whole word (0 when it does not pack) and <paramref name="key3"/> of its first three
    /// characters (0 when they do not pack).
    /// </summary>
    public int Lookup(ReadOnlySpan<char> token, ulong key, ulong key3)
    {
        if (key != 0)
        {
            if (_packedExact.TryGetValue(key, out var id))
            {
                return id;
            }
        }
        else if (token.Length > PackedWordTable<int>.MaxLength || key3 == 0)
        {
            return Lookup(token);
        }

        return key3 != 0 && token.Length >= StemKeyLength && _packedStems.TryGetValue(key3, out var list) ? MatchStem(token, list) : -1;
    }

    /// <summary>Whether a word whose first three characters pack to <paramref name="key3"/> could start a split word.</summary>
    public bool MayStartSplitWord(ulong key3) => key3 != 0 && _joinPrefixes.TryGetValue(key3, out _);

    /// <summary>
    /// Whether a lower-case ASCII word could be the first half of a longer lexicon word cut in
    /// two by a space ("ign ore"); a cheap filter before trying the joined form.
    /// </summary>
    public bool MayStartSplitWord(ReadOnlySpan<char> token) =>
        token.Length >= StemKeyLength && _joinPrefixes.TryGetValue(PackedWordTable<int>.Pack(token[..StemKeyLength]), out _);

    private static int MatchStem(ReadOnlySpan<char> token, (string Stem, int Id)[] stems)
    {
        foreach (var (stem, stemId) in stems)
        {
            if (token.StartsWith(stem, StringComparison.Ordinal))
            {
                return stemId;
            }
        }

        return -1;
    }

    private static bool IsMark(char c) =>
        char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark;

    /// <summary>Keywords starting with a character (longest first), for substring scripts.</summary>
    public ReadOnlySpan<(string Keyword, int Id)> KeywordsStartingWith(char c) =>
        _keywords.TryGetValue(c, out var list) ? list : [];
}
