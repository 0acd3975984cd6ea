using System.Text;
using System.Text.Json;
using LlmSecOps.RedTeam.Mutators;
using LlmSecOps.RedTeam.Probes;
using LlmSecOps.RedTeam.Running;

namespace LlmSecOps.Benchmarks.RedTeam;

/// <summary>
/// Writes the built-in single-turn attacks (placeholders filled) twice: as a JSONL corpus for
/// <c>llmsecops probe replay</c> and as intents of a promptfoo red-team config, so both tools send
/// the same attacks to the same fake target.
/// </summary>
internal static class CorpusExport
{
    public static int Run(string outDir, string targetBase, int limit, int copies)
    {
        Directory.CreateDirectory(outDir);
        var probes = ProbeCatalog.BuiltIn().Probes.Where(p => p.Tools.Count == 0).ToList();
        var plan = AttemptPlanner.Plan(probes, [MutatorChain.None], BehaviorLoader.Sample(), "export", 1, null, null);
        var attacks = new List<(string Id, string Family, string Text)>();
        foreach (var a in plan)
        {
            if (a.Prompt.Messages.Count != 1)
            {
                continue;
            }

            var filled = AttemptExecutor.Fill(a, "PWNED-" + a.AttemptId[..6].ToUpperInvariant(), 1);
            attacks.Add((a.Probe.Id + "/" + a.PromptKey, a.Probe.Family, filled[0].Content));
        }

        // Copies make the workload long enough to time; each copy is a distinct text, so neither
        // tool can answer one from a cache of the other.
        attacks = Enumerable.Range(0, Math.Max(1, copies))
            .SelectMany(k => attacks.Select(a => k == 0 ? a : (a.Id + "#" + k, a.Family, a.Text + " (" + k + ")")))
            .Take(limit)
            .ToList();
        var corpus = new StringBuilder();
        foreach (var (id, family, text) in attacks)
        {
            corpus.Append(JsonSerializer.Serialize(new { id, family, text })).Append('\n');
        }

        File.WriteAllText(Path.Combine(outDir, "corpus.jsonl"), corpus.ToString());

        // JSON strings are valid YAML scalars, so the intents need no YAML escaping of their own.
        var yaml = new StringBuilder();
        yaml.AppendLine("description: same attacks as llmsecops probe replay, against the same loopback fake");
        yaml.AppendLine("targets:");
        yaml.AppendLine("  - id: openai:chat:fake-model");
        yaml.AppendLine("    label: loopback-fake");
        yaml.AppendLine("    config:");
        yaml.AppendLine("      apiBaseUrl: " + JsonSerializer.Serialize(targetBase));
        yaml.AppendLine("      apiKey: not-needed");
        yaml.AppendLine("prompts:");
        yaml.AppendLine("  - \"{{prompt}}\"");
        yaml.AppendLine("redteam:");
        yaml.AppendLine("  purpose: Customer-support assistant of an outdoor-gear shop");
        yaml.AppendLine("  provider:");
        yaml.AppendLine("    id: openai:chat:fake-grader");
        yaml.AppendLine("    config:");
        yaml.AppendLine("      apiBaseUrl: " + JsonSerializer.Serialize(targetBase));
        yaml.AppendLine("      apiKey: not-needed");
        yaml.AppendLine("  plugins:");
        yaml.AppendLine("    - id: intent");
        yaml.AppendLine("      config:");
        yaml.AppendLine("        intent:");
        foreach (var (_, _, text) in attacks)
        {
            yaml.Append("          - ").AppendLine(JsonSerializer.Serialize(text));
        }

        yaml.AppendLine("  strategies:");
        yaml.AppendLine("    - base64");
        yaml.AppendLine("    - rot13");
        yaml.AppendLine("    - leetspeak");
        File.WriteAllText(Path.Combine(outDir, "promptfooconfig.yaml"), yaml.ToString());
        Console.WriteLine($"{attacks.Count} attacks written to {outDir}/corpus.jsonl and {outDir}/promptfooconfig.yaml");
        return 0;
    }
}
