using System.Text;

namespace LlmSecOps.Guard.Classifier.Training;

/// <summary>
/// Makes synthetic adversarial suffixes for training: strings of word pieces, odd casing,
/// fragments and punctuation clusters, in the manner of suffixes found by gradient search (GCG).
/// Appended to ordinary requests they teach the classifier that such a tail is the attack, not
/// the request before it. The vocabulary below is a plain list of common words; nothing is
/// taken from published attack strings.
/// </summary>
internal static class AdversarialSuffixGenerator
{
    private static readonly string[] Words =
    [
        "about", "above", "according", "add", "again", "algorithm", "along", "answer", "anyway", "appear",
        "article", "assume", "attach", "available", "back", "background", "before", "begin", "below", "better",
        "between", "bold", "bullet", "but", "calling", "case", "certain", "change", "chapter", "clearly",
        "code", "coffee", "column", "comedy", "comment", "complete", "consider", "content", "correct", "could",
        "create", "daily", "describe", "describing", "detail", "display", "document", "double", "during", "each",
        "easy", "either", "else", "ending", "enough", "every", "example", "exactly", "first", "follow",
        "format", "formatted", "forward", "friend", "from", "function", "gentle", "give", "giving", "guide",
        "here", "heading", "hello", "however", "ideal", "include", "inside", "instead", "into", "item",
        "just", "kind", "later", "least", "line", "list", "manual", "manually", "mark", "maybe",
        "method", "mode", "model", "more", "next", "note", "now", "number", "okay", "only",
        "opposite", "order", "output", "paragraph", "part", "phrase", "please", "point", "print", "process",
        "prompt", "quick", "quote", "rather", "reply", "request", "respond", "result", "revert", "right",
        "same", "scenario", "second", "section", "sentence", "sequence", "similarly", "simple", "since", "slowly",
        "some", "sort", "start", "step", "steps", "story", "style", "sure", "surely", "table",
        "task", "tell", "than", "then", "there", "thing", "title", "today", "tutorial", "under",
        "until", "using", "version", "view", "want", "where", "which", "while", "with", "within",
        "without", "word", "write", "writes", "yes", "zero",
    ];

    private static readonly string[] Marks =
    [
        "](", "{{", "}}", "**", "\\", "->", "==", "\",", "`(", ":[", "!--", "%{", "»", "<!", "/*", "*/",
        "](#", ")}", "{\\", "$(", "([", "'.", "\".", ".](", ";)", "=\"", "[@", "||", "^^", "~/",
    ];

    private const string Punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    /// <summary>One suffix.</summary>
    public static string Generate(ref SplitMix64 random)
    {
        var sb = new StringBuilder(160);
        var pieces = 12 + random.Next(17);
        for (var i = 0; i < pieces; i++)
        {
            if (i > 0 && random.NextDouble() < 0.6)
            {
                sb.Append(' ');
            }

            var roll = random.NextDouble();
            if (roll < 0.40)
            {
                AppendWord(sb, Words[random.Next(Words.Length)], ref random);
            }
            else if (roll < 0.58)
            {
                var word = Words[random.Next(Words.Length)];
                var length = Math.Min(word.Length, 2 + random.Next(5));
                var start = random.Next(word.Length - length + 1);
                AppendWord(sb, word.Substring(start, length), ref random);
            }
            else if (roll < 0.80)
            {
                var count = 1 + random.Next(3);
                for (var k = 0; k < count; k++)
                {
                    sb.Append(Punctuation[random.Next(Punctuation.Length)]);
                }
            }
            else if (roll < 0.95)
            {
                sb.Append(Marks[random.Next(Marks.Length)]);
            }
            else
            {
                sb.Append(random.Next(2) == 0 ? "ONE" : "Two");
            }
        }

        return sb.ToString();
    }

    private static void AppendWord(StringBuilder sb, string word, ref SplitMix64 random)
    {
        var casing = random.NextDouble();
        if (casing < 0.5)
        {
            sb.Append(word);
        }
        else if (casing < 0.75)
        {
            sb.Append(char.ToUpperInvariant(word[0])).Append(word, 1, word.Length - 1);
        }
        else if (casing < 0.9)
        {
            sb.Append(word.ToUpperInvariant());
        }
        else
        {
            // Two words run together with a case switch, as token pieces often are.
            var next = Words[random.Next(Words.Length)];
            sb.Append(word).Append(char.ToUpperInvariant(next[0])).Append(next, 1, next.Length - 1);
        }
    }
}
