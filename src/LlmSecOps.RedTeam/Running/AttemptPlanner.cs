using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LlmSecOps.RedTeam.Mutators;
using LlmSecOps.RedTeam.Probes;

namespace LlmSecOps.RedTeam.Running;

/// <summary>
/// Expands probes × prompts (× behaviours × generated suffixes) × mutator chains into the list of
/// attempts, each with a deterministic id, then samples and caps it. The same inputs always give
/// the same plan, which is what makes <c>--resume</c> and <c>--seed</c> work.
/// </summary>
internal static class AttemptPlanner
{
    /// <summary>Most attempts one run may plan.</summary>
    public const int MaxPlanned = 5_000_000;

    public static IReadOnlyList<PlannedAttempt> Plan(
        IReadOnlyList<Probe> probes,
        IReadOnlyList<MutatorChain> chains,
        IReadOnlyList<Behavior> behaviors,
        string targetId,
        int seed,
        int? sample,
        int? maxAttempts)
    {
        var plan = new List<PlannedAttempt>();
        foreach (var probe in probes)
        {
            foreach (var prompt in probe.Prompts)
            {
                foreach (var (key, behavior, suffix) in Expansions(probe, prompt, behaviors))
                {
                    foreach (var chain in chains)
                    {
                        var (id, attemptSeed) = Identity(probe.Id, key, chain.Name, targetId, seed);
                        plan.Add(new PlannedAttempt
                        {
                            Sequence = plan.Count,
                            AttemptId = id,
                            Probe = probe,
                            Prompt = prompt,
                            PromptKey = key,
                            Chain = chain,
                            Behavior = behavior,
                            SuffixIndex = suffix,
                            AttemptSeed = attemptSeed,
                        });
                        if (plan.Count > MaxPlanned)
                        {
                            throw new InvalidOperationException($"the run would plan more than {MaxPlanned} attempts; narrow it with --families, --probes or --sample");
                        }
                    }
                }
            }
        }

        IReadOnlyList<PlannedAttempt> result = plan;
        if (sample is { } n && n < plan.Count)
        {
            // Order by a seeded hash of the id: a stable, seed-dependent subset that keeps plan order.
            result = plan
                .OrderBy(a => SampleKey(a.AttemptId, seed))
                .Take(n)
                .OrderBy(a => a.Sequence)
                .ToList();
        }

        if (maxAttempts is { } max && max < result.Count)
        {
            result = result.Take(max).ToList();
        }

        return result;
    }

    /// <summary>The attempt id (24 hex digits) and its random seed.</summary>
    public static (string Id, int Seed) Identity(string probeId, string promptKey, string chain, string targetId, int seed)
    {
        var text = string.Join('\n', probeId, promptKey, chain, targetId, seed.ToString(CultureInfo.InvariantCulture));
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return (Convert.ToHexStringLower(hash[..12]), BinaryPrimitives.ReadInt32LittleEndian(hash[12..16]));
    }

    private static ulong SampleKey(string attemptId, int seed)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(attemptId + "/" + seed.ToString(CultureInfo.InvariantCulture)), hash);
        return BinaryPrimitives.ReadUInt64LittleEndian(hash);
    }

    private static IEnumerable<(string Key, Behavior? Behavior, int Suffix)> Expansions(Probe probe, ProbePrompt prompt, IReadOnlyList<Behavior> behaviors)
    {
        var baseKey = prompt.Key ?? "p" + prompt.Index.ToString(CultureInfo.InvariantCulture);
        IEnumerable<(string, Behavior?)> withBehaviors = probe.UsesBehaviors
            ? behaviors.Select(b => (baseKey + ".b" + b.Id, (Behavior?)b))
            : [(baseKey, null)];
        foreach (var (key, behavior) in withBehaviors)
        {
            if (probe.SuffixCount > 0)
            {
                for (var s = 0; s < probe.SuffixCount; s++)
                {
                    yield return (key + ".s" + s.ToString(CultureInfo.InvariantCulture), behavior, s);
                }
            }
            else
            {
                yield return (key, behavior, -1);
            }
        }
    }
}
