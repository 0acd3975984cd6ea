using System.Collections.Frozen;

namespace LlmSecOps.Guard.Text;

/// <summary>
/// A small English word list: the most frequent words plus the vocabulary prompt attacks are
/// written in. The normaliser uses it to rejoin words split by spaces or separators, the
/// decoder to tell whether a rot13 or reversed reading looks like English.
/// </summary>
internal static class WordList
{
    /// <summary>How a lowercase ASCII word relates to the list.</summary>
    [Flags]
    internal enum Match : byte
    {
        None = 0,

        /// <summary>The word is in the list.</summary>
        Known = 1,

        /// <summary>The word's rot13 is in the list.</summary>
        Rot13 = 2,

        /// <summary>The word spelled backwards is in the list.</summary>
        Reversed = 4,
    }

    private const string Common =
        "a about above across act actual actually add after again against ago all allow allowed already also always am an and another answer answers any anyone anything " +
        "appear are area around as ask asked at away back be because become been before begin below being best better between both build business but buy by call came " +
        "can cannot case change character check city code come could create day decide did different do does doing done down during each easy else end enough even " +
        "ever every everyone everything example explain face fact fall far feel few find first follow following for forget found free friend from full game get give given " +
        "go going good got great group grow had hand happen has have he head hello help her here hidden high him his home hour house how however i idea if ignore " +
        "important in include information inside instead into is issue it its just keep kill kind know large last later lead learn leave left less let life like line " +
        "list little live long look lot love made make man many may me mean member might mind mode model money month more most mother move much must my name need " +
        "never new next no not nothing now number of off offer often old on once one only open or order other our out over own part pass people person place play " +
        "please point power previous print prior problem prompt put question quite rather read real really reason remember report require rest result reveal right room " +
        "rule rules run said same say see seem send set she should show side since small so some someone something sorry speak start state stay still stop story study " +
        "such sure system take talk task team tell text than thank thanks that the their them then there these they thing things think this those though through time " +
        "to today told together too try turn two under understand until up us use used user very wait want was water way we well went were what when where whether " +
        "which while who why will with without word words work world would write wrong year yes yet you your yours";

    // Words attacks are phrased in; kept here so split or encoded attack text is recognised.
    private const string Attack =
        "above admin administrator apologize apologise apology assistant bypass censored censorship chatgpt command commands confidential constraints content context " +
        "decode developer directions directive directives disclaimer disclaimers disregard earlier enable enabled ethical ethics everything execute filter filters " +
        "forgotten guidelines guidance ignored ignoring initial instruction instructions jailbreak jailbroken limitations message messages moral morals obey " +
        "original override password persona policies policy pretend preceding programming prompts refuse repeat respond response responses restricted restriction " +
        "restrictions roleplay secret sudo uncensored unfiltered unrestricted verbatim warning warnings";

    private static readonly FrozenDictionary<string, Match> Words = Build();
    private static readonly FrozenDictionary<string, Match>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        Words.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly PackedWordTable<Match> Packed = new(Words);

    /// <summary>How a lowercase word relates to the list.</summary>
    public static Match Classify(ReadOnlySpan<char> word)
    {
        if (word.Length <= PackedWordTable<Match>.MaxLength)
        {
            var key = PackedWordTable<Match>.Pack(word);
            return key != 0 && Packed.TryGetValue(key, out var p) ? p : Match.None;
        }

        return Lookup.TryGetValue(word, out var m) ? m : Match.None;
    }

    /// <summary>How a word packed by <see cref="PackedWordTable{T}.Pack"/> relates to the list.</summary>
    public static Match Classify(ulong packed) => Packed.TryGetValue(packed, out var p) ? p : Match.None;

    /// <summary>Whether a lowercase word is in the list.</summary>
    public static bool IsKnown(ReadOnlySpan<char> word) => (Classify(word) & Match.Known) != 0;

    private static FrozenDictionary<string, Match> Build()
    {
        var map = new Dictionary<string, Match>(StringComparer.Ordinal);
        foreach (var w in (Common + " " + Attack).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            Add(map, w, Match.Known);
            Add(map, Rot13(w), Match.Rot13);
            if (w.Length >= 3)
            {
                var chars = w.ToCharArray();
                Array.Reverse(chars);
                Add(map, new string(chars), Match.Reversed);
            }
        }

        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static void Add(Dictionary<string, Match> map, string word, Match match)
    {
        map[word] = map.TryGetValue(word, out var m) ? m | match : match;
    }

    /// <summary>rot13 of an ASCII string (other characters unchanged).</summary>
    public static string Rot13(string s) => string.Create(s.Length, s, static (dst, src) =>
    {
        for (var i = 0; i < src.Length; i++)
        {
            dst[i] = Rot13(src[i]);
        }
    });

    /// <summary>rot13 of one character.</summary>
    public static char Rot13(char c) => c switch
    {
        >= 'a' and <= 'z' => (char)('a' + ((c - 'a' + 13) % 26)),
        >= 'A' and <= 'Z' => (char)('A' + ((c - 'A' + 13) % 26)),
        _ => c,
    };
}
