using LlmSecOps.RedTeam.Probes;

namespace LlmSecOps.RedTeam.Mutators;

/// <summary>
/// Turns an attack into a variant (an encoding, an obfuscation, a framing) so the same intent is
/// tried past filters that only know its plain form. Mutators are deterministic for a given
/// <see cref="Random"/>, which the runner seeds per attempt, so runs repeat exactly.
/// </summary>
public abstract class Mutator
{
    /// <summary>Name used in <c>--mutators</c> and reports, e.g. <c>base64</c>.</summary>
    public abstract string Name { get; }

    /// <summary>One line saying what the mutator does.</summary>
    public abstract string Description { get; }

    /// <summary>
    /// Rewrites an attack. The default rewrites the text of every message marked
    /// <see cref="ProbeMessage.Mutate"/>; mutators that change the shape of the conversation
    /// (payload splitting) override this.
    /// </summary>
    public virtual IReadOnlyList<ProbeMessage> Apply(IReadOnlyList<ProbeMessage> messages, Random random)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var result = new ProbeMessage[messages.Count];
        for (var i = 0; i < messages.Count; i++)
        {
            var m = messages[i];
            result[i] = m.Mutate ? m with { Content = Transform(m.Content, random) } : m;
        }

        return result;
    }

    /// <summary>Rewrites one text.</summary>
    public abstract string Transform(string text, Random random);
}
