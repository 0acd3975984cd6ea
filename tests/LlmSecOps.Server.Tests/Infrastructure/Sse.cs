using System.Text;
using System.Text.Json.Nodes;

namespace LlmSecOps.Server.Tests.Infrastructure;

/// <summary>Reads a streamed answer the way a client would.</summary>
internal static class Sse
{
    /// <summary>The data payloads of every event, in order.</summary>
    public static async Task<List<string>> ReadEventsAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync().WaitAsync(TestGateway.Timeout);
        var events = new List<string>();
        foreach (var block in text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var data = new StringBuilder();
            foreach (var line in block.Split('\n'))
            {
                if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data.Append(line.AsSpan(6));
                }
            }

            if (data.Length > 0)
            {
                events.Add(data.ToString());
            }
        }

        return events;
    }

    /// <summary>The concatenated content deltas of choice 0.</summary>
    public static string Content(IEnumerable<string> events)
    {
        var sb = new StringBuilder();
        foreach (var e in events)
        {
            if (e == "[DONE]")
            {
                continue;
            }

            var node = JsonNode.Parse(e);
            var content = node?["choices"]?.AsArray().FirstOrDefault()?["delta"]?["content"];
            if (content is not null)
            {
                sb.Append(content.GetValue<string>());
            }
        }

        return sb.ToString();
    }

    /// <summary>The error object of the last event before [DONE], if the stream was cut.</summary>
    public static JsonNode? Error(IReadOnlyList<string> events) =>
        events.Count >= 2 && events[^1] == "[DONE]" ? JsonNode.Parse(events[^2])?["error"] : null;
}
