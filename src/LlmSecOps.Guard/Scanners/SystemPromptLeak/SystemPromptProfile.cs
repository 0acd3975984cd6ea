using LlmSecOps.Guard.Text;

namespace LlmSecOps.Guard.Scanners.SystemPromptLeak;

/// <summary>A system prompt's distinct word shingles, built once per prompt string.</summary>
internal sealed class SystemPromptProfile
{
    private SystemPromptProfile(HashSet<ulong> shingles, int wordCount, int shingleSize)
    {
        Shingles = shingles;
        WordCount = wordCount;
        ShingleSize = shingleSize;
    }

    /// <summary>Distinct shingle hashes.</summary>
    public HashSet<ulong> Shingles { get; }

    /// <summary>Words in the normalised prompt.</summary>
    public int WordCount { get; }

    /// <summary>Words per shingle (smaller than the configured size for very short prompts).</summary>
    public int ShingleSize { get; }

    /// <summary>Builds the profile of a system prompt.</summary>
    public static SystemPromptProfile Create(string systemPrompt, int shingleSize)
    {
        var words = WordShingles.Words(TextNormalizer.Normalize(systemPrompt).Normalized);
        var size = Math.Min(shingleSize, Math.Max(1, words.Count));
        var shingles = new HashSet<ulong>();
        for (var i = 0; i + size <= words.Count; i++)
        {
            shingles.Add(WordShingles.Shingle(words, i, size));
        }

        return new SystemPromptProfile(shingles, words.Count, size);
    }
}
