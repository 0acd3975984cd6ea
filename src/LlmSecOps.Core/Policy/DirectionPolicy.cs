using System.Collections.Frozen;
using LlmSecOps.Core.Scanning;

namespace LlmSecOps.Core.Policy;

/// <summary>The action per finding category for one direction.</summary>
public sealed class DirectionPolicy
{
    private readonly FrozenDictionary<string, PolicyAction> _actions;

    /// <summary>Creates a direction policy from a category → action map (keys are category names).</summary>
    public DirectionPolicy(IReadOnlyDictionary<string, PolicyAction> actions)
    {
        _actions = actions.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The configured actions.</summary>
    public IReadOnlyDictionary<string, PolicyAction> Actions => _actions;

    /// <summary>The action for a category; categories not mentioned are <see cref="PolicyAction.Off"/>.</summary>
    public PolicyAction For(string category) =>
        _actions.TryGetValue(category, out var action) ? action : PolicyAction.Off;

    /// <summary>Whether any category in the list is switched on.</summary>
    public bool AnyEnabled(IEnumerable<string> categories)
    {
        foreach (var c in categories)
        {
            if (For(c) != PolicyAction.Off)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Returns a copy with the given actions laid over this one.</summary>
    public DirectionPolicy With(IReadOnlyDictionary<string, PolicyAction> overrides)
    {
        var merged = new Dictionary<string, PolicyAction>(_actions, StringComparer.Ordinal);
        foreach (var (k, v) in overrides)
        {
            merged[k] = v;
        }

        return new DirectionPolicy(merged);
    }
}
