using System.Globalization;
using LlmSecOps.Lint.Text;

namespace LlmSecOps.Lint.Data;

/// <summary>A string, number, boolean, null or (from code) an opaque expression.</summary>
internal sealed class DataScalar : DataNode
{
    public DataScalar(string value, ScalarKind kind, int start, int end, TextOrigin origin)
        : base(start, end)
    {
        Value = value;
        Kind = kind;
        Origin = origin;
    }

    public string Value { get; }

    public ScalarKind Kind { get; }

    /// <summary>Maps characters of <see cref="Value"/> to file offsets.</summary>
    public TextOrigin Origin { get; }

    public bool IsString => Kind == ScalarKind.String;

    /// <summary>The value read as a boolean (true/false, yes/no, on/off), or null.</summary>
    public bool? AsBoolean() => Value.Trim().ToLowerInvariant() switch
    {
        "true" or "yes" or "on" => true,
        "false" or "no" or "off" => false,
        _ => null,
    };

    /// <summary>The value read as a number, or null.</summary>
    public double? AsNumber() =>
        Kind != ScalarKind.String && double.TryParse(Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    public override string ToString() => Value;
}
