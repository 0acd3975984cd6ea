namespace LlmSecOps.Core.Policy;

/// <summary>Which models requests may name. Entries are exact ids or prefixes ending in <c>*</c> (e.g. <c>gpt-4o-2024-*</c>).</summary>
public sealed record ModelPolicy
{
    /// <summary>Models allowed; null means no allow-list (every model allowed).</summary>
    public IReadOnlyList<string>? Allow { get; init; }

    /// <summary>Whether a model id is allowed.</summary>
    public bool IsAllowed(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (Allow is null)
        {
            return true;
        }

        foreach (var entry in Allow)
        {
            if (entry.EndsWith('*')
                ? model.StartsWith(entry[..^1], StringComparison.OrdinalIgnoreCase)
                : string.Equals(entry, model, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
