using LlmSecOps.Lint.Data;

namespace LlmSecOps.Lint.Documents;

/// <summary>
/// Reads tool definitions in the shapes providers use: OpenAI chat (<c>{type: function, function: {name, description, parameters}}</c>),
/// OpenAI Responses and legacy functions (<c>{name, description, parameters}</c>), Anthropic and MCP (<c>input_schema</c>, <c>inputSchema</c>).
/// </summary>
internal static class ToolReader
{
    public static bool IsToolShape(DataMap map)
    {
        if (map.GetMap("function") is { } f && f.Get("name") is DataScalar { IsString: true })
        {
            return true;
        }

        return map.Get("name") is DataScalar { IsString: true }
            && (map.Get("parameters") is DataMap || map.Get("input_schema") is DataMap || map.Get("inputSchema") is DataMap
                || string.Equals(map.GetString("type"), "function", StringComparison.Ordinal));
    }

    public static ToolDefinition? Read(DataMap map)
    {
        var inner = map.GetMap("function") ?? map;
        if (inner.GetScalar("name") is not { IsString: true } name || name.Value.Length == 0)
        {
            return null;
        }

        var description = inner.GetScalar("description");
        return new ToolDefinition
        {
            Name = name.Value,
            Start = name.Start,
            End = name.End,
            Description = description?.Value,
            DescriptionOrigin = description?.Origin,
            Parameters = inner.GetMap("parameters") ?? inner.GetMap("input_schema") ?? inner.GetMap("inputSchema"),
        };
    }
}
