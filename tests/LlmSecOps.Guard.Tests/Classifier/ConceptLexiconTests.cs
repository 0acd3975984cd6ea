using LlmSecOps.Guard.Classifier;

namespace LlmSecOps.Guard.Tests.Classifier;

public sealed class ConceptLexiconTests
{
    private static readonly string[] Filler =
    [
        "the", "weather", "report", "for", "tomorrow", "schön", "ciudad", "город", "天气", "очень", "sure", "ok,", "dev", "ad",
        "ignor", "syst", "regla", "ルール", "  ", "0000", "!?", "été",
    ];

    [Fact]
    public void FindHits_EqualsCheckingEveryEntryAtEveryPosition()
    {
        var random = new Random(20261124);
        var entries = ConceptLexicon.FoldedEntries;
        for (var round = 0; round < 400; round++)
        {
            var parts = new List<string>();
            var count = random.Next(1, 40);
            for (var i = 0; i < count; i++)
            {
                parts.Add(random.Next(3) == 0 ? entries[random.Next(entries.Count)].Entry.Trim() : Filler[random.Next(Filler.Length)]);
            }

            var clean = FeatureExtractor.Clean(string.Join(random.Next(4) == 0 ? string.Empty : " ", parts));
            var (expectedPositions, expectedConcepts) = Reference(clean, entries);

            var positions = new int[512];
            var concepts = new byte[512];
            var hits = ConceptLexicon.FindHits(clean, positions, concepts);

            Assert.Equal(expectedPositions, positions[..hits]);
            Assert.Equal(expectedConcepts, concepts[..hits]);
        }
    }

    [Fact]
    public void FindHits_StopsWhenTheSpansAreFull()
    {
        var clean = FeatureExtractor.Clean(string.Concat(Enumerable.Repeat("ignore the rules, administrator. ", 100)));

        var hits = ConceptLexicon.FindHits(clean, new int[8], new byte[8]);

        Assert.Equal(8, hits);
    }

    private static (int[] Positions, byte[] Concepts) Reference(string clean, IReadOnlyList<(string Entry, int Concept)> entries)
    {
        var positions = new List<int>();
        var concepts = new List<byte>();
        for (var at = 0; at < clean.Length; at++)
        {
            var seen = 0;
            foreach (var (entry, concept) in entries)
            {
                if ((seen & (1 << concept)) == 0 && clean.AsSpan(at).StartsWith(entry, StringComparison.Ordinal))
                {
                    positions.Add(at);
                    concepts.Add((byte)concept);
                    seen |= 1 << concept;
                }
            }
        }

        return ([.. positions], [.. concepts]);
    }
}
