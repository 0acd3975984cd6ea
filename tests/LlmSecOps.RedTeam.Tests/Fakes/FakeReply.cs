namespace LlmSecOps.RedTeam.Tests.Fakes;

/// <summary>What a fake upstream answers: a completion, or an HTTP error with an OpenAI-style body.</summary>
internal sealed record FakeReply
{
    public string Text { get; init; } = string.Empty;

    public IReadOnlyList<(string Name, string Arguments)> ToolCalls { get; init; } = [];

    public int Status { get; init; } = 200;

    public string? ErrorCode { get; init; }

    public string? RetryAfter { get; init; }

    public TimeSpan Delay { get; init; }

    public string? FinishReason { get; init; }

    public static FakeReply Say(string text) => new() { Text = text };

    public static FakeReply Error(int status, string code, string? retryAfter = null) => new() { Status = status, ErrorCode = code, RetryAfter = retryAfter };
}
