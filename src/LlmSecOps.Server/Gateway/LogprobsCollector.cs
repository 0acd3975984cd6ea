using System.Text.Json.Nodes;
using LlmSecOps.Core.Events;
using LlmSecOps.Server.Gateway.Http;

namespace LlmSecOps.Server.Gateway;

/// <summary>
/// Collects per-token log-probabilities from completions (whole or streamed) and estimates the
/// entropy of each token's distribution.
/// </summary>
/// <remarks>
/// The upstream reports only the top-k alternatives of each position. The estimator renormalises
/// those k probabilities to sum to one and takes the Shannon entropy in nats:
/// <c>H = -Σ p_i ln p_i</c> with <c>p_i = exp(l_i) / Σ_j exp(l_j)</c> over the k alternatives
/// (the chosen token is added when it is missing from them). The mass outside the top k is unknown,
/// so this is the entropy of the truncated distribution: it is at most <c>ln k</c> and it
/// understates a flat tail, but it ranks positions consistently for a fixed k, which is what a
/// threshold over the mean needs. Positions reported without alternatives are skipped.
/// </remarks>
internal sealed class LogprobsCollector
{
    /// <summary>Most tokens kept for the event (entropy uses every token).</summary>
    public const int MaxKeptTokens = 4096;

    private readonly List<TokenLogProb> _kept = [];
    private double _sum;
    private double _max;
    private int _counted;

    /// <summary>Tokens kept.</summary>
    public IReadOnlyList<TokenLogProb> Tokens => _kept;

    /// <summary>Mean entropy over positions with alternatives, or null when there were none.</summary>
    public double? Mean => _counted == 0 ? null : _sum / _counted;

    /// <summary>Largest per-position entropy, or null.</summary>
    public double? Max => _counted == 0 ? null : _max;

    /// <summary>Positions that had alternatives.</summary>
    public int Counted => _counted;

    /// <summary>Adds the entries of a <c>logprobs.content</c> array.</summary>
    public void AddContent(JsonNode? content)
    {
        if (content is not JsonArray array)
        {
            return;
        }

        foreach (var entry in array)
        {
            var token = entry.Prop("token").Str() ?? string.Empty;
            var lp = entry.Prop("logprob").Num() ?? double.NegativeInfinity;
            List<TopLogProb>? top = null;
            if (entry.Prop("top_logprobs") is JsonArray alternatives && alternatives.Count > 0)
            {
                top = new List<TopLogProb>(alternatives.Count);
                foreach (var alt in alternatives)
                {
                    if (alt.Prop("logprob").Num() is { } l)
                    {
                        top.Add(new TopLogProb(alt.Prop("token").Str() ?? string.Empty, l));
                    }
                }
            }

            Add(token, lp, top);
        }
    }

    /// <summary>Adds one position.</summary>
    public void Add(string token, double logprob, List<TopLogProb>? top)
    {
        if (top is { Count: > 0 })
        {
            var h = Entropy(token, logprob, top);
            _sum += h;
            _max = _counted == 0 ? h : Math.Max(_max, h);
            _counted++;
        }

        if (_kept.Count < MaxKeptTokens)
        {
            _kept.Add(new TokenLogProb { Token = token, LogProb = logprob, Top = top });
        }
    }

    /// <summary>Entropy (nats) of the renormalised top-k distribution of one position.</summary>
    public static double Entropy(string token, double logprob, IReadOnlyList<TopLogProb> top)
    {
        var includesChosen = false;
        var m = double.NegativeInfinity;
        foreach (var t in top)
        {
            m = Math.Max(m, t.LogProb);
            if (string.Equals(t.Token, token, StringComparison.Ordinal))
            {
                includesChosen = true;
            }
        }

        var addChosen = !includesChosen && double.IsFinite(logprob);
        if (addChosen)
        {
            m = Math.Max(m, logprob);
        }

        if (!double.IsFinite(m))
        {
            return 0;
        }

        double z = 0;
        foreach (var t in top)
        {
            z += Math.Exp(t.LogProb - m);
        }

        if (addChosen)
        {
            z += Math.Exp(logprob - m);
        }

        var lnZ = Math.Log(z);
        double h = 0;
        foreach (var t in top)
        {
            h -= Term(t.LogProb - m - lnZ);
        }

        if (addChosen)
        {
            h -= Term(logprob - m - lnZ);
        }

        return Math.Max(0, h);

        static double Term(double lnP) => double.IsFinite(lnP) ? Math.Exp(lnP) * lnP : 0;
    }
}
