using System.Collections;
using System.Globalization;
using System.Text.RegularExpressions;

namespace LlmSecOps.Lint.Schema;

/// <summary>What one template variable may hold. Immutable; the pattern is compiled once with a match timeout.</summary>
public sealed record VariableSchema
{
    private readonly string? _pattern;
    private Regex? _regex;

    /// <summary>The variable's name.</summary>
    public required string Name { get; init; }

    /// <summary>The value's type.</summary>
    public VariableType Type { get; init; } = VariableType.String;

    /// <summary>Most characters (strings) or items (arrays), or null for no limit.</summary>
    public int? MaxLength { get; init; }

    /// <summary>Fewest characters (strings) or items (arrays), or null.</summary>
    public int? MinLength { get; init; }

    /// <summary>A .NET regular expression a string value must match (anchor it for a full match).</summary>
    public string? Pattern
    {
        get => _pattern;
        init
        {
            _pattern = value;
            _regex = value is null ? null : new Regex(value, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>The values allowed, or null for any.</summary>
    public IReadOnlyList<string>? Enum { get; init; }

    /// <summary>Where the value comes from.</summary>
    public TrustLevel Trust { get; init; } = TrustLevel.Untrusted;

    /// <summary>Whether a value must be supplied.</summary>
    public bool Required { get; init; } = true;

    /// <summary>What the variable is for.</summary>
    public string? Description { get; init; }

    /// <summary>
    /// Checks one value: strings, numbers (int, long, double, decimal), booleans, lists and
    /// dictionaries as produced by YAML/JSON readers. Returns (code, message) for each problem.
    /// </summary>
    public IEnumerable<(string Code, string Message)> Check(object? value)
    {
        if (value is null)
        {
            if (Required)
            {
                yield return ("missing", "is null");
            }

            yield break;
        }

        switch (Type)
        {
            case VariableType.String when value is not string:
                yield return ("type", $"expected a string, got {Describe(value)}");
                yield break;
            case VariableType.Integer when !IsInteger(value):
                yield return ("type", $"expected a whole number, got {Describe(value)}");
                yield break;
            case VariableType.Number when !IsNumber(value):
                yield return ("type", $"expected a number, got {Describe(value)}");
                yield break;
            case VariableType.Boolean when value is not bool:
                yield return ("type", $"expected true or false, got {Describe(value)}");
                yield break;
            case VariableType.Array when value is string || value is not IEnumerable || value is IDictionary:
                yield return ("type", $"expected a list, got {Describe(value)}");
                yield break;
            case VariableType.Object when value is not IDictionary && value is not IReadOnlyDictionary<string, object?>:
                yield return ("type", $"expected a mapping, got {Describe(value)}");
                yield break;
        }

        var length = value switch
        {
            string s => s.Length,
            ICollection c => c.Count,
            _ => (int?)null,
        };
        var unit = value is string ? "characters" : "items";
        if (length is { } n && MaxLength is { } max && n > max)
        {
            yield return ("max_length", $"is {n} {unit} long; the maximum is {max}");
        }

        if (length is { } m && MinLength is { } min && m < min)
        {
            yield return ("min_length", $"is {m} {unit} long; the minimum is {min}");
        }

        if (_regex is not null && value is string text)
        {
            bool matched;
            var timedOut = false;
            try
            {
                matched = _regex.IsMatch(text);
            }
            catch (RegexMatchTimeoutException)
            {
                matched = false;
                timedOut = true;
            }

            if (timedOut)
            {
                yield return ("pattern", $"could not be checked against /{Pattern}/ in time");
            }
            else if (!matched)
            {
                yield return ("pattern", $"does not match /{Pattern}/");
            }
        }

        if (Enum is { Count: > 0 } allowed)
        {
            var s = Scalar(value);
            if (s is null || !allowed.Contains(s, StringComparer.Ordinal))
            {
                yield return ("enum", $"must be one of: {string.Join(", ", allowed)}");
            }
        }
    }

    private static bool IsInteger(object v) => v switch
    {
        int or long or short or byte or sbyte or uint or ulong or ushort => true,
        double d => Math.Floor(d) == d && double.IsFinite(d),
        decimal m => decimal.Floor(m) == m,
        float f => MathF.Floor(f) == f && float.IsFinite(f),
        _ => false,
    };

    private static bool IsNumber(object v) => v is int or long or short or byte or sbyte or uint or ulong or ushort or double or float or decimal;

    private static string? Scalar(object v) => v switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => null,
    };

    private static string Describe(object v) => v switch
    {
        string => "a string",
        bool => "a boolean",
        IDictionary or IReadOnlyDictionary<string, object?> => "a mapping",
        IEnumerable => "a list",
        _ when IsNumber(v) => "a number",
        _ => v.GetType().Name,
    };
}
