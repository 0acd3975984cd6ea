using LlmSecOps.RedTeam.Probes;

namespace LlmSecOps.RedTeam.Mutators;

/// <summary>
/// Mutators applied one after another, written <c>base64+rot13</c> (base64 first, then ROT13 on
/// the result). The empty chain is written <c>none</c> and leaves the attack as it is.
/// </summary>
public sealed class MutatorChain
{
    /// <summary>Creates a chain.</summary>
    public MutatorChain(IReadOnlyList<Mutator> mutators)
    {
        Mutators = mutators;
        Name = mutators.Count == 0 ? NoneName : string.Join('+', mutators.Select(m => m.Name));
    }

    /// <summary>The name of the empty chain.</summary>
    public const string NoneName = "none";

    /// <summary>The chain that changes nothing.</summary>
    public static MutatorChain None { get; } = new([]);

    /// <summary>The mutators in application order.</summary>
    public IReadOnlyList<Mutator> Mutators { get; }

    /// <summary>Canonical name, e.g. <c>base64+rot13</c>.</summary>
    public string Name { get; }

    /// <summary>Applies every mutator in turn.</summary>
    public IReadOnlyList<ProbeMessage> Apply(IReadOnlyList<ProbeMessage> messages, Random random)
    {
        var current = messages;
        foreach (var m in Mutators)
        {
            current = m.Apply(current, random);
        }

        return current;
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
