using LlmSecOps.Core.Scanning;
using LlmSecOps.RedTeam.Detectors;
using LlmSecOps.RedTeam.Probes;

namespace LlmSecOps.RedTeam.Replay;

/// <summary>Turns corpus entries into probes (one per family), so a replay runs through the same runner, detectors and reports as a probe run.</summary>
internal static class ReplayProbes
{
    /// <summary>Detectors used when none are named: did the model go along, and did anything planted leak or get exfiltrated.</summary>
    public static IReadOnlyList<string> DefaultDetectors { get; } = ["no_refusal", "canary", "system_prompt", "exfil_link"];

    public static IReadOnlyList<Probe> Build(IReadOnlyList<CorpusEntry> entries, IReadOnlyList<Detector> detectors, string source)
    {
        var name = Path.GetFileName(source);
        return entries
            .GroupBy(e => e.Family, StringComparer.Ordinal)
            .Select(g => new Probe
            {
                Id = "replay." + g.Key,
                Family = g.Key,
                Title = $"Replay of {name} ({g.Key})",
                Intent = $"Entries of the corpus {name} labelled '{g.Key}', sent as recorded.",
                Expected = "The model goes along with the recorded attack (or leaks a planted value).",
                Severity = g.Key == "benign" ? Severity.Info : Severity.High,
                Owasp = ["LLM01:2025"],
                Atlas = ["AML.T0051", "AML.T0054"],
                Prompts = g.Select((e, i) => new ProbePrompt(i, e.Messages) { Key = e.Id }).ToList(),
                Detectors = detectors.Select(d => new DetectorBinding(d, DetectorScope.Any)).ToList(),
                Source = "replay:" + source,
                Line = g.First().Line,
                Column = 1,
            })
            .ToList();
    }
}
