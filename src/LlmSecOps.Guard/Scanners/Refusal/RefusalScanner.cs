using System.Buffers;
using System.Text;
using LlmSecOps.Core.Scanning;

namespace LlmSecOps.Guard.Scanners.Refusal;

/// <summary>
/// Detects that a completion is a refusal ("I can't help with that", "Es tut mir leid, aber …",
/// "申し訳ありませんが …") in English, German, French, Spanish, Portuguese, Italian, Dutch,
/// Russian, Chinese, Japanese and Korean. This is a signal for other stages (red-team detectors,
/// jailbreak success rates, monitoring), not a block: the default policy logs it. One finding per
/// completion, scored by the strongest phrase, raised when the refusal opens the reply or several
/// phrases agree. All phrases are found in one vectorised pass over the text.
/// </summary>
internal sealed class RefusalScanner : Scanner
{
    private const int MaxHits = 8;

    // Matches inside longer words ("metals kit" holds "als ki") are skipped; bounded so that a
    // text made of them stays cheap.
    private const int MaxMisses = 256;
    private const int OpeningChars = 200;
    private static readonly string[] ScannerCategories = [FindingCategories.Refusal];
    private static readonly IReadOnlyList<RefusalPhrase> Phrases = RefusalPhrases.All;

    // ASCII phrases get the fast vectorised multi-string search; the others (accented, Cyrillic,
    // CJK) are searched only when the text has a non-ASCII character at all.
    private static readonly SearchValues<string> AsciiFinder =
        SearchValues.Create(Phrases.Where(p => Ascii.IsValid(p.Text)).Select(p => p.Text).ToArray(), StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<string> OtherFinder =
        SearchValues.Create(Phrases.Where(p => !Ascii.IsValid(p.Text)).Select(p => p.Text).ToArray(), StringComparison.OrdinalIgnoreCase);

    public override string Name => "refusal";

    public override IReadOnlyList<string> Categories => ScannerCategories;

    public override bool Supports(Direction direction) => direction == Direction.Output;

    public override ValueTask<ScanResult> ScanAsync(ScanContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var text = context.Text.AsSpan();
        var state = new SearchState();
        Search(text, AsciiFinder, ref state);
        if (!Ascii.IsValid(text))
        {
            Search(text, OtherFinder, ref state);
        }

        var best = state.Best;
        var bestAt = state.BestAt;
        var distinct = state.Distinct;
        if (best is null)
        {
            return ScanResult.Empty.AsTask();
        }

        var score = best.Weight + (bestAt < OpeningChars ? 0.1 : 0) + (0.05 * Math.Min(distinct - 1, 2));
        score = Math.Min(1.0, score);
        return new ScanResult([new Finding
        {
            Category = FindingCategories.Refusal,
            Rule = "refusal.detected",
            Score = Math.Round(score, 3),
            Severity = Severity.Info,
            Span = new TextSpan(bestAt, best.Text.Length),
            Message = $"the model declined ({best.Language})",
            Evidence = context.Text.Substring(bestAt, best.Text.Length),
            Explanation = [$"lang:{best.Language}", $"phrase:{best.Text}"],
        }]).AsTask();
    }

    private static void Search(ReadOnlySpan<char> text, SearchValues<string> finder, ref SearchState state)
    {
        var offset = 0;
        var misses = 0;
        for (var hits = 0; hits < MaxHits && misses < MaxMisses && offset < text.Length;)
        {
            var rel = text[offset..].IndexOfAny(finder);
            if (rel < 0)
            {
                break;
            }

            var at = offset + rel;
            var phrase = LongestAt(text, at);
            if (phrase is null)
            {
                misses++;
                offset = at + 1;
                continue;
            }

            hits++;
            if (!ReferenceEquals(phrase, state.Last))
            {
                state.Distinct++;
                state.Last = phrase;
            }

            if (state.Best is null || phrase.Weight > state.Best.Weight || (phrase.Weight == state.Best.Weight && at < state.BestAt))
            {
                state.Best = phrase;
                state.BestAt = at;
            }

            offset = at + phrase.Text.Length;
        }
    }

    // The longest phrase starting at a position that is not the middle of a word.
    private static RefusalPhrase? LongestAt(ReadOnlySpan<char> text, int at)
    {
        RefusalPhrase? found = null;
        var rest = text[at..];
        foreach (var p in Phrases)
        {
            if ((found is null || p.Text.Length > found.Text.Length) && rest.StartsWith(p.Text, StringComparison.OrdinalIgnoreCase) &&
                AtWordEdges(text, at, p.Text))
            {
                found = p;
            }
        }

        return found;
    }

    private static bool AtWordEdges(ReadOnlySpan<char> text, int at, string phrase)
    {
        if (at > 0 && IsWordLetter(text[at - 1]) && IsWordLetter(phrase[0]))
        {
            return false;
        }

        var end = at + phrase.Length;
        return !(end < text.Length && IsWordLetter(text[end]) && IsWordLetter(phrase[^1]));
    }

    // Letters of scripts that separate words with spaces; Chinese, Japanese and Korean do not,
    // so a phrase in them (or a Latin "ai" next to them) has no word edge to respect.
    private static bool IsWordLetter(char c) => c < '\u2E80' && char.IsLetter(c);

    private struct SearchState
    {
        public RefusalPhrase? Best;
        public int BestAt;
        public int Distinct;
        public RefusalPhrase? Last;
    }
}
