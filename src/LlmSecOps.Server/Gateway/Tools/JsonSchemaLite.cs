using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace LlmSecOps.Server.Gateway.Tools;

/// <summary>
/// A small JSON Schema validator for tool arguments over <see cref="JsonElement"/>: type, enum,
/// const, string length and pattern (with a match timeout), numeric bounds and multipleOf,
/// object properties/required/additionalProperties, array items/length/uniqueness,
/// allOf/anyOf/oneOf/not and the <c>uri</c> format. <c>$ref</c> is refused rather than ignored,
/// so a schema is never weaker than it reads. Written here instead of taking a library because
/// the one available pulls in an old JSON parser with a known stack exhaustion on deep nesting,
/// and tool arguments are attacker-shaped text.
/// </summary>
internal sealed class JsonSchemaLite
{
    private const int MaxDepth = 32;
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);

    private string[]? _types;
    private JsonElement[]? _enum;
    private JsonElement? _const;
    private Regex? _pattern;
    private int? _minLength;
    private int? _maxLength;
    private double? _minimum;
    private double? _maximum;
    private double? _exclusiveMinimum;
    private double? _exclusiveMaximum;
    private double? _multipleOf;
    private Dictionary<string, JsonSchemaLite>? _properties;
    private string[]? _required;
    private bool _additionalAllowed = true;
    private JsonSchemaLite? _additionalSchema;
    private JsonSchemaLite? _items;
    private int? _minItems;
    private int? _maxItems;
    private bool _uniqueItems;
    private JsonSchemaLite[]? _allOf;
    private JsonSchemaLite[]? _anyOf;
    private JsonSchemaLite[]? _oneOf;
    private JsonSchemaLite? _not;
    private bool _formatUri;
    private bool? _booleanSchema;

    private JsonSchemaLite()
    {
    }

    /// <summary>Parses a schema from JSON text.</summary>
    public static bool TryParse(string json, out JsonSchemaLite? schema, out string? error)
    {
        schema = null;
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
            schema = Build(doc.RootElement, 0);
            error = null;
            return true;
        }
        catch (JsonException ex)
        {
            error = "not valid JSON: " + ex.Message;
        }
        catch (FormatException ex)
        {
            error = ex.Message;
        }
        catch (ArgumentException ex)
        {
            error = ex.Message;
        }
        catch (InvalidOperationException ex)
        {
            error = "a keyword has a value of the wrong kind: " + ex.Message;
        }

        return false;
    }

    /// <summary>Validates a value; returns the first few problems, each with a JSON pointer.</summary>
    public IReadOnlyList<string> Validate(JsonElement value)
    {
        var errors = new List<string>();
        Check(value, "", errors, 0);
        return errors;
    }

    private static JsonSchemaLite Build(JsonElement e, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new FormatException("schema nested too deeply");
        }

        var s = new JsonSchemaLite();
        if (e.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            s._booleanSchema = e.ValueKind == JsonValueKind.True;
            return s;
        }

        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("a schema must be an object or a boolean");
        }

        foreach (var p in e.EnumerateObject())
        {
            var v = p.Value;
            switch (p.Name)
            {
                case "type":
                    s._types = v.ValueKind == JsonValueKind.Array
                        ? [.. v.EnumerateArray().Select(t => CheckType(t.GetString()))]
                        : [CheckType(v.GetString())];
                    break;
                case "enum":
                    s._enum = [.. v.EnumerateArray().Select(x => x.Clone())];
                    break;
                case "const":
                    s._const = v.Clone();
                    break;
                case "pattern":
                    s._pattern = new Regex(v.GetString() ?? string.Empty, RegexOptions.CultureInvariant, RegexTimeout);
                    break;
                case "minLength":
                    s._minLength = v.GetInt32();
                    break;
                case "maxLength":
                    s._maxLength = v.GetInt32();
                    break;
                case "minimum":
                    s._minimum = v.GetDouble();
                    break;
                case "maximum":
                    s._maximum = v.GetDouble();
                    break;
                case "exclusiveMinimum":
                    s._exclusiveMinimum = v.GetDouble();
                    break;
                case "exclusiveMaximum":
                    s._exclusiveMaximum = v.GetDouble();
                    break;
                case "multipleOf":
                    s._multipleOf = v.GetDouble() is > 0 and var m ? m : throw new FormatException("multipleOf must be positive");
                    break;
                case "properties":
                    s._properties = new Dictionary<string, JsonSchemaLite>(StringComparer.Ordinal);
                    foreach (var prop in v.EnumerateObject())
                    {
                        s._properties[prop.Name] = Build(prop.Value, depth + 1);
                    }

                    break;
                case "required":
                    s._required = [.. v.EnumerateArray().Select(x => x.GetString() ?? string.Empty)];
                    break;
                case "additionalProperties":
                    if (v.ValueKind == JsonValueKind.False)
                    {
                        s._additionalAllowed = false;
                    }
                    else if (v.ValueKind == JsonValueKind.Object)
                    {
                        s._additionalSchema = Build(v, depth + 1);
                    }

                    break;
                case "items":
                    s._items = Build(v, depth + 1);
                    break;
                case "minItems":
                    s._minItems = v.GetInt32();
                    break;
                case "maxItems":
                    s._maxItems = v.GetInt32();
                    break;
                case "uniqueItems":
                    s._uniqueItems = v.ValueKind == JsonValueKind.True;
                    break;
                case "allOf":
                    s._allOf = [.. v.EnumerateArray().Select(x => Build(x, depth + 1))];
                    break;
                case "anyOf":
                    s._anyOf = [.. v.EnumerateArray().Select(x => Build(x, depth + 1))];
                    break;
                case "oneOf":
                    s._oneOf = [.. v.EnumerateArray().Select(x => Build(x, depth + 1))];
                    break;
                case "not":
                    s._not = Build(v, depth + 1);
                    break;
                case "format":
                    s._formatUri = v.GetString() is "uri" or "url";
                    break;
                case "$ref" or "$dynamicRef" or "patternProperties" or "dependentSchemas" or "if" or "then" or "else" or "prefixItems" or "contains":
                    throw new FormatException($"the keyword '{p.Name}' is not supported here; rewrite the schema without it");
                default:
                    // Annotations ($schema, title, description, default, examples, …) carry no constraint.
                    break;
            }
        }

        return s;
    }

    private static string CheckType(string? t) => t switch
    {
        "string" or "number" or "integer" or "boolean" or "object" or "array" or "null" => t,
        _ => throw new FormatException($"unknown type '{t}'"),
    };

    private bool Check(JsonElement v, string path, List<string> errors, int depth)
    {
        if (errors.Count >= 8 || depth > MaxDepth * 2)
        {
            return false;
        }

        var before = errors.Count;
        if (_booleanSchema is { } b)
        {
            if (!b)
            {
                errors.Add($"{Pointer(path)}: no value is allowed here");
            }

            return b;
        }

        if (_types is not null && !_types.Any(t => IsType(v, t)))
        {
            errors.Add($"{Pointer(path)}: expected {string.Join(" or ", _types)}, got {Kind(v)}");
            return false;
        }

        if (_const is { } c && !JsonElement.DeepEquals(c, v))
        {
            errors.Add($"{Pointer(path)}: must equal {c.GetRawText()}");
        }

        if (_enum is not null && !_enum.Any(x => JsonElement.DeepEquals(x, v)))
        {
            errors.Add($"{Pointer(path)}: must be one of {string.Join(", ", _enum.Select(x => x.GetRawText()))}");
        }

        switch (v.ValueKind)
        {
            case JsonValueKind.String:
                CheckString(v.GetString()!, path, errors);
                break;
            case JsonValueKind.Number:
                CheckNumber(v.GetDouble(), path, errors);
                break;
            case JsonValueKind.Object:
                CheckObject(v, path, errors, depth);
                break;
            case JsonValueKind.Array:
                CheckArray(v, path, errors, depth);
                break;
        }

        if (_allOf is not null)
        {
            foreach (var s in _allOf)
            {
                s.Check(v, path, errors, depth + 1);
            }
        }

        if (_anyOf is not null && !_anyOf.Any(s => s.Check(v, path, [], depth + 1)))
        {
            errors.Add($"{Pointer(path)}: matches none of the anyOf alternatives");
        }

        if (_oneOf is not null)
        {
            var n = _oneOf.Count(s => s.Check(v, path, [], depth + 1));
            if (n != 1)
            {
                errors.Add($"{Pointer(path)}: must match exactly one oneOf alternative (matched {n})");
            }
        }

        if (_not is not null && _not.Check(v, path, [], depth + 1))
        {
            errors.Add($"{Pointer(path)}: matches a schema it must not match");
        }

        return errors.Count == before;
    }

    private void CheckString(string s, string path, List<string> errors)
    {
        var length = s.EnumerateRunes().Count();
        if (_minLength is { } min && length < min)
        {
            errors.Add($"{Pointer(path)}: shorter than {min} characters");
        }

        if (_maxLength is { } max && length > max)
        {
            errors.Add($"{Pointer(path)}: longer than {max} characters");
        }

        if (_pattern is not null)
        {
            try
            {
                if (!_pattern.IsMatch(s))
                {
                    errors.Add($"{Pointer(path)}: does not match the pattern");
                }
            }
            catch (RegexMatchTimeoutException)
            {
                errors.Add($"{Pointer(path)}: pattern check timed out");
            }
        }

        if (_formatUri && !Uri.TryCreate(s, UriKind.Absolute, out _))
        {
            errors.Add($"{Pointer(path)}: not an absolute URI");
        }
    }

    private void CheckNumber(double d, string path, List<string> errors)
    {
        if (_minimum is { } min && d < min)
        {
            errors.Add($"{Pointer(path)}: below the minimum {min.ToString(CultureInfo.InvariantCulture)}");
        }

        if (_maximum is { } max && d > max)
        {
            errors.Add($"{Pointer(path)}: above the maximum {max.ToString(CultureInfo.InvariantCulture)}");
        }

        if (_exclusiveMinimum is { } emin && d <= emin)
        {
            errors.Add($"{Pointer(path)}: must be over {emin.ToString(CultureInfo.InvariantCulture)}");
        }

        if (_exclusiveMaximum is { } emax && d >= emax)
        {
            errors.Add($"{Pointer(path)}: must be under {emax.ToString(CultureInfo.InvariantCulture)}");
        }

        if (_multipleOf is { } m)
        {
            var q = d / m;
            if (Math.Abs(q - Math.Round(q)) > 1e-9)
            {
                errors.Add($"{Pointer(path)}: not a multiple of {m.ToString(CultureInfo.InvariantCulture)}");
            }
        }
    }

    private void CheckObject(JsonElement v, string path, List<string> errors, int depth)
    {
        if (_required is not null)
        {
            foreach (var r in _required)
            {
                if (!v.TryGetProperty(r, out _))
                {
                    errors.Add($"{Pointer(path)}: missing required property '{r}'");
                }
            }
        }

        foreach (var p in v.EnumerateObject())
        {
            var childPath = path + "/" + p.Name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
            if (_properties is not null && _properties.TryGetValue(p.Name, out var ps))
            {
                ps.Check(p.Value, childPath, errors, depth + 1);
            }
            else if (!_additionalAllowed)
            {
                errors.Add($"{Pointer(childPath)}: property not allowed");
            }
            else
            {
                _additionalSchema?.Check(p.Value, childPath, errors, depth + 1);
            }
        }
    }

    private void CheckArray(JsonElement v, string path, List<string> errors, int depth)
    {
        var count = v.GetArrayLength();
        if (_minItems is { } min && count < min)
        {
            errors.Add($"{Pointer(path)}: fewer than {min} items");
        }

        if (_maxItems is { } max && count > max)
        {
            errors.Add($"{Pointer(path)}: more than {max} items");
        }

        var i = 0;
        var seen = _uniqueItems ? new List<JsonElement>() : null;
        foreach (var item in v.EnumerateArray())
        {
            _items?.Check(item, path + "/" + i.ToString(CultureInfo.InvariantCulture), errors, depth + 1);
            if (seen is not null)
            {
                if (seen.Any(x => JsonElement.DeepEquals(x, item)))
                {
                    errors.Add($"{Pointer(path)}: items must be unique");
                    seen = null;
                }
                else
                {
                    seen.Add(item);
                }
            }

            i++;
        }
    }

    private static bool IsType(JsonElement v, string type) => type switch
    {
        "string" => v.ValueKind == JsonValueKind.String,
        "number" => v.ValueKind == JsonValueKind.Number,
        "integer" => v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) && Math.Floor(d) == d,
        "boolean" => v.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "object" => v.ValueKind == JsonValueKind.Object,
        "array" => v.ValueKind == JsonValueKind.Array,
        "null" => v.ValueKind == JsonValueKind.Null,
        _ => false,
    };

    private static string Kind(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => v.ValueKind.ToString().ToLowerInvariant(),
    };

    private static string Pointer(string path) => path.Length == 0 ? "(value)" : path;
}
