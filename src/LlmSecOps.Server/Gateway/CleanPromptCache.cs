using LlmSecOps.Core.Scanning;
using LlmSecOps.Core.Telemetry;
using LlmSecOps.Guard;

namespace LlmSecOps.Server.Gateway;

/// <summary>
/// Remembers which system and developer prompts one <see cref="GuardEngine"/> found clean, so the
/// same prompt sent with every request is scanned once. Only exact texts are remembered (the key
/// is the whole text and its direction), only verdicts without a single finding, and only for the
/// engine the cache was made with: a changed policy is a new engine and so starts empty.
/// The built-in input scanners read nothing but the text, the direction and the policy, which is
/// what makes a remembered clean verdict exact; an engine with any other scanner is never cached.
/// Bounded by entry count and total characters; least recently used first out. Thread-safe.
/// </summary>
internal sealed class CleanPromptCache
{
    /// <summary>Entries kept at most.</summary>
    public const int MaxEntries = 256;

    /// <summary>Characters kept at most over all entries.</summary>
    public const int MaxTotalChars = 1 << 20;

    /// <summary>Longest text remembered.</summary>
    public const int MaxTextChars = 32 * 1024;

    private readonly Dictionary<(Direction Direction, string Text), LinkedListNode<(Direction Direction, string Text)>> _entries = [];
    private readonly LinkedList<(Direction Direction, string Text)> _order = new();
    private readonly Lock _lock = new();
    private int _chars;

    /// <summary>Creates an empty cache for one engine.</summary>
    public CleanPromptCache(GuardEngine engine)
    {
        Engine = engine;
        Enabled = true;
        foreach (var scanner in engine.Scanners)
        {
            // A scanner from elsewhere may read the role or the caller; its verdicts are not remembered.
            Enabled &= scanner.GetType().Assembly == typeof(GuardEngine).Assembly;
        }
    }

    /// <summary>Whether verdicts are remembered at all (every scanner is a built-in one).</summary>
    public bool Enabled { get; }

    /// <summary>The engine whose verdicts are remembered.</summary>
    public GuardEngine Engine { get; }

    /// <summary>Entries held now.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Whether a request may be answered from the cache or stored in it at all.</summary>
    public bool Applies(ScanRequest request) =>
        Enabled &&
        request.Direction == Direction.Input &&
        request.Role is "system" or "developer" &&
        request.SystemPrompt is null &&
        request.Canaries.Count == 0 &&
        request.Text.Length <= MaxTextChars;

    /// <summary>
    /// Scans with the engine, or answers a clean verdict without scanning when the same text was
    /// found clean before. A clean answer still counts in the verdict metric. Its
    /// <see cref="GuardResult.Text"/> is the instance remembered first, so every request with that
    /// prompt hands the output scanners the same string, and what they derive from a system prompt
    /// (kept per string instance) is derived once.
    /// </summary>
    public async ValueTask<GuardResult> ScanAsync(ScanRequest request, CancellationToken cancellationToken)
    {
        if (!Applies(request))
        {
            return await Engine.ScanAsync(request, cancellationToken).ConfigureAwait(false);
        }

        if (TryHit(request.Direction, request.Text, out var remembered))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Instruments.Verdicts.Enabled)
            {
                Instruments.Verdicts.Add(
                    1,
                    new KeyValuePair<string, object?>("llmsecops.direction", GuardEngine.DirectionName(request.Direction)),
                    new KeyValuePair<string, object?>("llmsecops.verdict", GuardEngine.VerdictName(Verdict.Allow)));
            }

            return new GuardResult { Verdict = Verdict.Allow, Findings = [], Text = remembered };
        }

        var result = await Engine.ScanAsync(request, cancellationToken).ConfigureAwait(false);
        if (result is { Verdict: Verdict.Allow, Findings.Count: 0, Redacted: false })
        {
            Add(request.Direction, request.Text);
        }

        return result;
    }

    private bool TryHit(Direction direction, string text, out string remembered)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue((direction, text), out var node))
            {
                remembered = text;
                return false;
            }

            _order.Remove(node);
            _order.AddFirst(node);
            remembered = node.Value.Text;
            return true;
        }
    }

    private void Add(Direction direction, string text)
    {
        lock (_lock)
        {
            var key = (direction, text);
            if (_entries.ContainsKey(key))
            {
                return;
            }

            while (_entries.Count > 0 && (_entries.Count >= MaxEntries || _chars + text.Length > MaxTotalChars))
            {
                var last = _order.Last!;
                _order.RemoveLast();
                _entries.Remove(last.Value);
                _chars -= last.Value.Text.Length;
            }

            _entries[key] = _order.AddFirst(key);
            _chars += text.Length;
        }
    }
}
