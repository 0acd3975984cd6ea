using System.Globalization;

namespace LlmSecOps.RedTeam.Reporting;

/// <summary>
/// The <c>--fail-on</c> thresholds: a global ASR (<c>0.1</c>), per family or probe id
/// (<c>injection=0,jailbreak=0.2</c>), or both. A probe fails when its ASR is above the most
/// specific threshold that applies: its id, then its family, then the global one.
/// </summary>
public sealed class FailOnPolicy
{
    private readonly Dictionary<string, double> _byKey;

    private FailOnPolicy(double? global, Dictionary<string, double> byKey)
    {
        Global = global;
        _byKey = byKey;
    }

    /// <summary>No thresholds.</summary>
    public static FailOnPolicy None { get; } = new(null, new Dictionary<string, double>(StringComparer.Ordinal));

    /// <summary>The global threshold.</summary>
    public double? Global { get; }

    /// <summary>Thresholds by family or probe id.</summary>
    public IReadOnlyDictionary<string, double> ByKey => _byKey;

    /// <summary>Whether any threshold is set.</summary>
    public bool IsSet => Global is not null || _byKey.Count > 0;

    /// <summary>Parses the option; returns null and an error for malformed input.</summary>
    public static FailOnPolicy? Parse(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return None;
        }

        double? global = null;
        var byKey = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var key = eq >= 0 ? part[..eq].Trim() : null;
            var valueText = eq >= 0 ? part[(eq + 1)..].Trim() : part;
            if (!double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value is < 0 or > 1 || double.IsNaN(value))
            {
                error = $"--fail-on: '{part}' needs a rate from 0 to 1 (e.g. 0.1 or injection=0)";
                return null;
            }

            if (key is null or "*")
            {
                global = value;
            }
            else if (key.Length == 0)
            {
                error = $"--fail-on: '{part}' has an empty name before '='";
                return null;
            }
            else
            {
                byKey[key] = value;
            }
        }

        return new FailOnPolicy(global, byKey);
    }

    /// <summary>The threshold for a probe, or null when none applies.</summary>
    public double? For(string probeId, string family) =>
        _byKey.TryGetValue(probeId, out var p) ? p : _byKey.TryGetValue(family, out var f) ? f : Global;

    /// <inheritdoc />
    public override string ToString()
    {
        var parts = new List<string>();
        if (Global is { } g)
        {
            parts.Add(g.ToString(CultureInfo.InvariantCulture));
        }

        parts.AddRange(_byKey.Select(kv => $"{kv.Key}={kv.Value.ToString(CultureInfo.InvariantCulture)}"));
        return string.Join(',', parts);
    }
}
