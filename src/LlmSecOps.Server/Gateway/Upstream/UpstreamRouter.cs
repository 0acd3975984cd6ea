using LlmSecOps.Server.Gateway.Configuration;

namespace LlmSecOps.Server.Gateway.Upstream;

/// <summary>
/// Picks the upstream for a model: an exact name anywhere wins, then the first pattern match in
/// configuration order, then the first upstream without a model list (the fallback).
/// </summary>
internal sealed class UpstreamRouter(IReadOnlyList<UpstreamOptions> upstreams)
{
    /// <summary>All upstreams.</summary>
    public IReadOnlyList<UpstreamOptions> Upstreams => upstreams;

    /// <summary>The upstream for a model, or null when none takes it.</summary>
    public UpstreamOptions? Select(string? model)
    {
        if (model is not null)
        {
            foreach (var u in upstreams)
            {
                foreach (var p in u.Models)
                {
                    if (p.IsExact && p.IsMatch(model))
                    {
                        return u;
                    }
                }
            }

            foreach (var u in upstreams)
            {
                foreach (var p in u.Models)
                {
                    if (!p.IsExact && p.IsMatch(model))
                    {
                        return u;
                    }
                }
            }
        }

        foreach (var u in upstreams)
        {
            if (u.Models.Count == 0)
            {
                return u;
            }
        }

        return null;
    }
}
