using System.Buffers;
using LlmSecOps.Core.Scanning;

namespace LlmSecOps.Guard.Scanners.Injection;

/// <summary>
/// Structural evidence that is not a phrase: chat-template control tokens, role headers that
/// fake a system message or an assistant turn, fake end-of-input markers, jailbreak answer tags
/// and floods of one repeated token. Works on normalised (lower-case) text in one pass per kind.
/// </summary>
internal static class DelimiterDetector
{
    private const string Inj = FindingCategories.PromptInjection;
    private const string Jb = FindingCategories.Jailbreak;

    // Control tokens of chat templates; they have no business in user text.
    private static readonly string[] TemplateTokens =
    [
        "<|im_start|>", "<|im_end|>", "<|im_sep|>", "<|system|>", "<|user|>", "<|assistant|>", "<|endoftext|>", "<|eot_id|>",
        "<|start_header_id|>", "<|end_header_id|>", "<|begin_of_text|>", "<|end_of_text|>", "<|endofprompt|>", "<|prompt|>",
        "<|eom_id|>", "<|channel|>", "<|message|>", "<|start|>", "<|end|>", "<start_of_turn>", "<end_of_turn>", "[inst]", "[/inst]",
        "<<sys>>", "<</sys>>", "<|begin▁of▁sentence|>", "<|end▁of▁sentence|>", "<|fim_prefix|>", "<|model|>",
    ];

    // Tags jailbreak templates make the model prefix its two answers with.
    private static readonly string[] AnswerTags =
    [
        "[jailbreak]", "[classic]", "(developer mode output)", "(normal output)", "[jailbroken]", "[unfiltered]", "[uncensored]",
    ];

    // The same tags with their lock emoji, looked for only when the text has a surrogate pair of the emoji block.
    private static readonly string[] EmojiTags = ["[🔓jailbreak]", "[🔒classic]", "🔓developer mode output", "🔒normal output"];

    private static readonly SearchValues<char> BoundaryMarks = SearchValues.Create("%=#*~<>[|-");

    private static readonly SearchValues<string> Tokens = SearchValues.Create([.. TemplateTokens, .. AnswerTags, "</s>"], StringComparison.Ordinal);

    /// <summary>Adds the structural signals found in one normalised text.</summary>
    /// <param name="text">Normalised text.</param>
    /// <param name="map">Offsets of <paramref name="text"/> in <paramref name="original"/>.</param>
    /// <param name="original">The text before normalisation.</param>
    /// <param name="technical">Whether the text is about software: template tokens and headers are then often quoted, so they weigh half.</param>
    /// <param name="signals">Where signals are added.</param>
    public static void Detect(string text, int[] map, string original, bool technical, List<Signal> signals)
    {
        var from = signals.Count;
        FindTokens(text, signals);
        FindLines(text, map, original, signals);
        FindMarkupBoundaries(text, signals);
        FindFlood(text, signals);
        if (technical)
        {
            for (var k = from; k < signals.Count; k++)
            {
                if (signals[k].Rule is "injection.delimiter.chat_template" or "injection.delimiter.role_header" or "injection.delimiter.fake_turn")
                {
                    signals[k] = signals[k] with { Weight = signals[k].Weight * 0.5 };
                }
            }
        }
    }

    private static void FindTokens(string text, List<Signal> signals)
    {
        var span = text.AsSpan();
        var offset = 0;
        bool template = false, tag = false, eos = false;
        while (offset < span.Length)
        {
            var i = span[offset..].IndexOfAny(Tokens);
            if (i < 0)
            {
                break;
            }

            var at = offset + i;
            var rest = span[at..];
            var length = 1;
            if (!template && StartsWithAny(rest, TemplateTokens, out length))
            {
                template = true;
                signals.Add(new Signal("injection.delimiter.chat_template", Inj, 0.8, at, at + length, "contains chat-template control tokens that fake a conversation turn"));
            }
            else if (!tag && StartsWithAny(rest, AnswerTags, out length))
            {
                tag = true;
                signals.Add(new Signal("jailbreak.format.answer_tags", Jb, 0.55, at, at + length, "contains the answer tags of a dual-answer jailbreak"));
            }
            else if (!eos && rest.StartsWith("</s>", StringComparison.Ordinal))
            {
                eos = true;
                length = 4;
                signals.Add(new Signal("injection.delimiter.chat_template", Inj, 0.3, at, at + length, "contains an end-of-sequence token"));
            }

            offset = at + Math.Max(1, length);
        }

        if (!tag && span.Contains('\uD83D'))
        {
            foreach (var t in EmojiTags)
            {
                var at = span.IndexOf(t, StringComparison.Ordinal);
                if (at >= 0)
                {
                    signals.Add(new Signal("jailbreak.format.answer_tags", Jb, 0.55, at, at + t.Length, "contains the answer tags of a dual-answer jailbreak"));
                    break;
                }
            }
        }
    }

    private static bool StartsWithAny(ReadOnlySpan<char> s, string[] candidates, out int length)
    {
        foreach (var c in candidates)
        {
            if (s.StartsWith(c, StringComparison.Ordinal))
            {
                length = c.Length;
                return true;
            }
        }

        length = 1;
        return false;
    }

    private static bool IsMarkup(char c) => c is '#' or '*' or '=' or '-' or '[' or ']' or '<' or '>' or '(' or ')' or '{' or '}' or '|' or '_' or '~' or '`' or '%' or '/';

    // Role headers ("System:", "### Instruction", "[ASSISTANT]") and boundary lines
    // ("=== END OF USER INPUT ===") at the start of a line.
    private static void FindLines(string text, int[] map, string original, List<Signal> signals)
    {
        bool system = false, assistant = false, boundary = false, alpaca = false, endOf = false;
        var lineStart = 0;
        while (lineStart < text.Length)
        {
            var lineEnd = text.IndexOf('\n', lineStart);
            if (lineEnd < 0)
            {
                lineEnd = text.Length;
            }

            var line = text.AsSpan(lineStart, lineEnd - lineStart);
            var p = 0;
            var markup = 0;
            while (p < line.Length && (IsMarkup(line[p]) || line[p] == ' '))
            {
                markup += line[p] == ' ' ? 0 : 1;
                p++;
            }

            var w = p;
            while (w < line.Length && char.IsAsciiLetter(line[w]))
            {
                w++;
            }

            var word = line[p..w];
            var q = w;
            var closing = 0;
            while (q < line.Length && (IsMarkup(line[q]) || line[q] == ' '))
            {
                closing += line[q] == ' ' ? 0 : 1;
                q++;
            }

            var colon = q < line.Length && line[q] == ':';
            var header = colon || (markup > 0 && closing > 0) || (markup >= 2 && line[p - 1] == ' ');
            var start = lineStart + p;
            var end = lineStart + w;
            if (word.Length > 0 && header)
            {
                if (!system && word is "system" or "sys" or "developer" or "admin" or "administrator" or "root")
                {
                    system = true;
                    signals.Add(new Signal("injection.delimiter.role_header", Inj, 0.4, start, end, "starts a line with a fake system or operator header"));
                }
                else if (!assistant && word is "assistant" or "ai" or "gpt" or "chatgpt" or "bot" or "model" or "claude" or "llm")
                {
                    assistant = true;
                    signals.Add(new Signal("injection.delimiter.fake_turn", Inj, 0.3, start, end, "writes a turn on the model's behalf"));
                }
                else if (!alpaca && markup >= 2 && word is "instruction" or "instructions" or "response")
                {
                    alpaca = true;
                    signals.Add(new Signal("injection.delimiter.role_header", Inj, 0.35, start, end, "uses instruction-tuning section headers"));
                }
            }

            if (!boundary && word is "end" or "begin" or "start" or "new"
                && (markup >= 2 || (closing >= 2 && markup >= 1) || TrailingMarkup(line) >= 2 || (HasSectionWord(line) && IsUpper(original, map, lineStart, lineEnd)))
                && WordCount(line) <= 7 && !IsArmor(line))
            {
                boundary = true;
                signals.Add(new Signal("injection.delimiter.boundary", Inj, 0.55, lineStart, lineEnd, "inserts a fake section boundary"));
            }

            if (!endOf)
            {
                var at = line.IndexOf("end of ", StringComparison.Ordinal);
                if (at >= 0)
                {
                    var after = line[(at + 7)..];
                    if (after.StartsWith("the ", StringComparison.Ordinal))
                    {
                        after = after[4..];
                    }

                    if (after.StartsWith("system prompt", StringComparison.Ordinal) || after.StartsWith("prompt", StringComparison.Ordinal)
                        || after.StartsWith("instructions", StringComparison.Ordinal) || after.StartsWith("user input", StringComparison.Ordinal)
                        || after.StartsWith("input", StringComparison.Ordinal) || after.StartsWith("context", StringComparison.Ordinal))
                    {
                        endOf = true;
                        var s = lineStart + at;
                        var upper = IsUpper(original, map, s, Math.Min(lineEnd, s + 13));
                        signals.Add(new Signal("injection.delimiter.end_marker", Inj, upper ? 0.6 : 0.3, s, Math.Min(lineEnd, s + 20), "declares the end of the prompt"));
                    }
                }
            }

            lineStart = lineEnd + 1;
        }
    }

    private static bool HasSectionWord(ReadOnlySpan<char> line) =>
        line.Contains("input", StringComparison.Ordinal) || line.Contains("prompt", StringComparison.Ordinal)
        || line.Contains("instruction", StringComparison.Ordinal) || line.Contains("system", StringComparison.Ordinal)
        || line.Contains("context", StringComparison.Ordinal) || line.Contains("user", StringComparison.Ordinal)
        || line.Contains("document", StringComparison.Ordinal) || line.Contains("conversation", StringComparison.Ordinal);

    // Markup runs followed by an end or begin word anywhere in a line: "… %%% END USER INPUT %%% …".
    private static void FindMarkupBoundaries(string text, List<Signal> signals)
    {
        foreach (var s in signals)
        {
            if (s.Rule == "injection.delimiter.boundary")
            {
                return;
            }
        }

        for (var i = 0; i + 3 < text.Length; i++)
        {
            var next = text.AsSpan(i, text.Length - i - 3).IndexOfAny(BoundaryMarks);
            if (next < 0)
            {
                return;
            }

            i += next;
            var c = text[i];
            if (text[i + 1] != c || text[i + 2] != c)
            {
                continue;
            }

            var j = i + 3;
            while (j < text.Length && text[j] == c)
            {
                j++;
            }

            var w = j;
            while (w < text.Length && text[w] == ' ')
            {
                w++;
            }

            var rest = text.AsSpan(w);
            if ((rest.StartsWith("end ", StringComparison.Ordinal) || rest.StartsWith("begin ", StringComparison.Ordinal)
                || rest.StartsWith("start ", StringComparison.Ordinal)) && !IsArmor(rest[..Math.Min(rest.Length, 40)]))
            {
                var end = text.IndexOf('\n', w);
                signals.Add(new Signal("injection.delimiter.boundary", Inj, 0.55, i, end < 0 ? Math.Min(text.Length, w + 40) : end, "inserts a fake section boundary"));
                return;
            }

            i = j - 1;
        }
    }

    private static int TrailingMarkup(ReadOnlySpan<char> line)
    {
        var n = 0;
        for (var k = line.Length - 1; k >= 0 && (IsMarkup(line[k]) || line[k] == ' '); k--)
        {
            n += line[k] == ' ' ? 0 : 1;
        }

        return n;
    }

    private static int WordCount(ReadOnlySpan<char> line)
    {
        var n = 0;
        var inWord = false;
        foreach (var c in line)
        {
            var letter = char.IsLetterOrDigit(c);
            if (letter && !inWord)
            {
                n++;
            }

            inWord = letter;
        }

        return n;
    }

    // PEM and PGP armour lines ("-----BEGIN CERTIFICATE-----") are boundaries, but not fake ones.
    private static bool IsArmor(ReadOnlySpan<char> line) =>
        line.Contains("certificate", StringComparison.Ordinal) || line.Contains("key", StringComparison.Ordinal)
        || line.Contains("pgp", StringComparison.Ordinal) || line.Contains("signature", StringComparison.Ordinal)
        || line.Contains("rsa", StringComparison.Ordinal) || line.Contains("openssh", StringComparison.Ordinal);

    private static bool IsUpper(string original, int[] map, int start, int end)
    {
        var letters = 0;
        for (var k = start; k < end && k < map.Length; k++)
        {
            var o = map[k];
            if ((uint)o >= (uint)original.Length)
            {
                return false;
            }

            var c = original[o];
            if (char.IsLetter(c))
            {
                if (!char.IsUpper(c))
                {
                    return false;
                }

                letters++;
            }
        }

        return letters > 0;
    }

    // One token (or a short cycle of tokens, ") ] } ) ] }") repeated many times in a row pushes
    // the real instructions out of the context or makes the model diverge.
    private static void FindFlood(string text, List<Signal> signals)
    {
        const int Period = 3;
        var span = text.AsSpan();
        Span<int> starts = stackalloc int[Period + 1];
        Span<int> lengths = stackalloc int[Period + 1];
        Span<int> runs = stackalloc int[Period + 1];
        var seen = 0;
        var i = 0;
        while (i < span.Length)
        {
            while (i < span.Length && char.IsWhiteSpace(span[i]))
            {
                i++;
            }

            var s = i;
            while (i < span.Length && !char.IsWhiteSpace(span[i]))
            {
                i++;
            }

            if (i == s)
            {
                break;
            }

            var token = span[s..i];
            for (var k = 1; k <= Period; k++)
            {
                var back = (seen - k) % (Period + 1);
                if (seen >= k && lengths[back] == token.Length && span[starts[back]] == token[0]
                    && token.SequenceEqual(span.Slice(starts[back], lengths[back])))
                {
                    runs[k]++;
                    if (runs[k] >= 40 && !IsNumeric(token))
                    {
                        signals.Add(new Signal("injection.flood.repeated_token", Inj, 0.55, Math.Max(0, s - 200), i, "repeats one token or a short cycle of tokens dozens of times"));
                        return;
                    }
                }
                else
                {
                    runs[k] = 0;
                }
            }

            var slot = seen % (Period + 1);
            starts[slot] = s;
            lengths[slot] = i - s;
            seen++;
        }
    }

    // Repeated numbers are data (matrices, lists), not a flood.
    private static bool IsNumeric(ReadOnlySpan<char> token)
    {
        foreach (var c in token)
        {
            if (!char.IsAsciiDigit(c) && c is not ('.' or ',' or '-' or '+'))
            {
                return false;
            }
        }

        return true;
    }
}
