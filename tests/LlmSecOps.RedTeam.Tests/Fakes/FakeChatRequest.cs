using System.Text.Json;

namespace LlmSecOps.RedTeam.Tests.Fakes;

/// <summary>What a fake upstream saw in one chat-completions request.</summary>
internal sealed record FakeChatRequest(
    string? AttemptId,
    IReadOnlyList<(string Role, string Content)> Messages,
    IReadOnlyList<string> Tools,
    string Body)
{
    public string System => Messages.FirstOrDefault(m => m.Role == "system").Content ?? string.Empty;

    public string LastUser => Messages.LastOrDefault(m => m.Role == "user").Content ?? string.Empty;

    /// <summary>Everything the user and tools said, joined.</summary>
    public string AttackText => string.Join("\n", Messages.Where(m => m.Role is "user" or "tool").Select(m => m.Content));

    public static FakeChatRequest Parse(string body, string? attemptId)
    {
        using var doc = JsonDocument.Parse(body);
        var messages = new List<(string, string)>();
        foreach (var m in doc.RootElement.GetProperty("messages").EnumerateArray())
        {
            var content = m.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : string.Empty;
            messages.Add((m.GetProperty("role").GetString()!, content));
        }

        var tools = new List<string>();
        if (doc.RootElement.TryGetProperty("tools", out var t))
        {
            foreach (var tool in t.EnumerateArray())
            {
                tools.Add(tool.GetProperty("function").GetProperty("name").GetString()!);
            }
        }

        return new FakeChatRequest(attemptId, messages, tools, body);
    }
}
