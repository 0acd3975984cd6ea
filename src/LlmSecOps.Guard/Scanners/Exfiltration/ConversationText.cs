namespace LlmSecOps.Guard.Scanners.Exfiltration;

/// <summary>
/// The text a link could be smuggling out: the completion itself and the system prompt. A value
/// shares a phrase with it when three consecutive words of the value appear there.
/// </summary>
internal sealed class ConversationText
{
    private const int PhraseWords = 3;
    private readonly string _completion;
    private readonly string? _systemPrompt;

    public ConversationText(string completion, string? systemPrompt)
    {
        _completion = completion;
        _systemPrompt = systemPrompt;
    }

    /// <summary>Where three consecutive words of the value occur, if anywhere (the system prompt wins).</summary>
    public PhraseSource SharesPhrase(string value)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= value.Length; i++)
        {
            var letter = i < value.Length && char.IsLetterOrDigit(value[i]);
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                words.Add(value[start..i]);
                start = -1;
            }
        }

        // string.Join(char, string[], int, int): a List would bind to the params object[] overload.
        string[] array = [.. words];
        var found = PhraseSource.None;
        for (var i = 0; i + PhraseWords <= array.Length; i++)
        {
            var phrase = string.Join(' ', array, i, PhraseWords);
            if (phrase.Length < 10)
            {
                continue;
            }

            if (_systemPrompt is not null && _systemPrompt.Contains(phrase, StringComparison.OrdinalIgnoreCase))
            {
                return PhraseSource.SystemPrompt;
            }

            if (found == PhraseSource.None && _completion.Contains(phrase, StringComparison.OrdinalIgnoreCase))
            {
                found = PhraseSource.Completion;
            }
        }

        return found;
    }

    /// <summary>Whether a value of some length occurs verbatim in the system prompt.</summary>
    public bool Contains(string value) =>
        value.Length >= 8 && _systemPrompt is not null && _systemPrompt.Contains(value, StringComparison.OrdinalIgnoreCase);
}
