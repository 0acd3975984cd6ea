using System.Text;
using System.Text.RegularExpressions;

namespace LlmSecOps.Guard.Redaction;

/// <summary>
/// Placeholders handed out for redacted values during one exchange, and the originals behind
/// them, so a completion that repeats <c>[EMAIL_1]</c> can be given the address back. The same
/// value always gets the same placeholder. Thread-safe.
/// </summary>
public sealed partial class RedactionVault
{
    private readonly Dictionary<string, string> _byOriginal = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _byPlaceholder = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _counters = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Number of distinct values held.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byPlaceholder.Count;
            }
        }
    }

    /// <summary>Placeholder → original pairs held (a copy).</summary>
    public IReadOnlyDictionary<string, string> Entries
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, string>(_byPlaceholder, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Returns the placeholder for a value, creating <c>[ENTITY_n]</c> on first sight.</summary>
    public string PlaceholderFor(string entity, string original)
    {
        var label = CleanLabel(entity);
        var key = label + "\u0000" + original;
        lock (_gate)
        {
            if (_byOriginal.TryGetValue(key, out var existing))
            {
                return existing;
            }

            _counters.TryGetValue(label, out var n);
            n++;
            _counters[label] = n;
            var placeholder = $"[{label}_{n}]";
            _byOriginal[key] = placeholder;
            _byPlaceholder[placeholder] = original;
            return placeholder;
        }
    }

    /// <summary>The original behind a placeholder, if this vault issued it.</summary>
    public bool TryGetOriginal(string placeholder, out string original)
    {
        lock (_gate)
        {
            return _byPlaceholder.TryGetValue(placeholder, out original!);
        }
    }

    /// <summary>Replaces every placeholder this vault issued with its original; unknown ones stay.</summary>
    public string Restore(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.IndexOf('[', StringComparison.Ordinal) < 0 || Count == 0)
        {
            return text;
        }

        return PlaceholderPattern().Replace(text, m => TryGetOriginal(m.Value, out var original) ? original : m.Value);
    }

    private static string CleanLabel(string entity)
    {
        var sb = new StringBuilder(entity.Length);
        foreach (var c in entity)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                sb.Append(char.ToUpperInvariant(c));
            }
            else if (c is '_' or '-' or ' ' or '.')
            {
                sb.Append('_');
            }
        }

        return sb.Length == 0 ? "REDACTED" : sb.ToString();
    }

    [GeneratedRegex(@"\[[A-Z0-9_]{1,64}_[0-9]{1,6}\]", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex PlaceholderPattern();
}
