namespace LlmSecOps.Server.Gateway.Streaming;

/// <summary>
/// Follows a streamed completion word by word and reports when the fraction of the system
/// prompt's distinct word 5-grams that have reappeared reaches the policy threshold. Each word
/// costs one hash lookup, so checking stays linear however long the stream runs; the full
/// system-prompt scanner still runs on the whole text at the end.
/// </summary>
internal sealed class PromptLeakTracker
{
    private const int N = 5;
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    private readonly HashSet<ulong> _grams;
    private readonly HashSet<ulong> _seen = [];
    private readonly double _threshold;
    private readonly ulong[] _window = new ulong[N];
    private int _words;
    private ulong _current = FnvOffset;
    private bool _inWord;

    private PromptLeakTracker(HashSet<ulong> grams, double threshold)
    {
        _grams = grams;
        _threshold = threshold;
    }

    /// <summary>Share of the system prompt's 5-grams seen so far.</summary>
    public double Fraction => _grams.Count == 0 ? 0 : (double)_seen.Count / _grams.Count;

    /// <summary>Whether the threshold has been reached.</summary>
    public bool Leaked => Fraction >= _threshold;

    /// <summary>A tracker for a system prompt, or null when it has fewer than five words.</summary>
    public static PromptLeakTracker? Create(string? systemPrompt, double threshold)
    {
        if (string.IsNullOrWhiteSpace(systemPrompt))
        {
            return null;
        }

        var collector = new PromptLeakTracker([], threshold);
        var grams = new HashSet<ulong>();
        collector.Walk(systemPrompt.AsSpan(), grams, collect: true);
        collector.EndWord(grams, collect: true);
        return grams.Count == 0 ? null : new PromptLeakTracker(grams, threshold);
    }

    /// <summary>Feeds the next piece of the completion; returns whether the threshold is reached.</summary>
    public bool Feed(ReadOnlySpan<char> text)
    {
        Walk(text, _seen, collect: false);
        return Leaked;
    }

    /// <summary>Ends the stream (a last word without a following separator counts).</summary>
    public bool Complete()
    {
        EndWord(_seen, collect: false);
        return Leaked;
    }

    private void Walk(ReadOnlySpan<char> text, HashSet<ulong> target, bool collect)
    {
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                _current = (_current ^ char.ToLowerInvariant(c)) * FnvPrime;
                _inWord = true;
            }
            else if (_inWord)
            {
                EndWord(target, collect);
            }
        }
    }

    private void EndWord(HashSet<ulong> target, bool collect)
    {
        if (!_inWord)
        {
            return;
        }

        _window[_words % N] = _current;
        _words++;
        _current = FnvOffset;
        _inWord = false;
        if (_words < N)
        {
            return;
        }

        var h = FnvOffset;
        for (var i = _words - N; i < _words; i++)
        {
            h = (h ^ _window[i % N]) * FnvPrime;
            h = (h << 7) | (h >> 57);
        }

        if (collect || _grams.Contains(h))
        {
            target.Add(h);
        }
    }
}
