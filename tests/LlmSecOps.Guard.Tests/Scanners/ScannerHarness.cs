using LlmSecOps.Core.Policy;
using LlmSecOps.Core.Scanning;

namespace LlmSecOps.Guard.Tests.Scanners;

internal static class ScannerHarness
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static ScanContext Context(
        string text,
        Direction direction = Direction.Input,
        GuardPolicy? policy = null,
        string? systemPrompt = null,
        IReadOnlyList<string>? canaries = null) => new()
        {
            Text = text,
            Direction = direction,
            Policy = policy ?? GuardPolicy.Default,
            SystemPrompt = systemPrompt,
            Canaries = canaries ?? [],
        };

    public static async Task<IReadOnlyList<Finding>> ScanAsync(
        Scanner scanner,
        string text,
        Direction direction = Direction.Input,
        GuardPolicy? policy = null,
        string? systemPrompt = null,
        IReadOnlyList<string>? canaries = null)
    {
        var result = await scanner.ScanAsync(Context(text, direction, policy, systemPrompt, canaries), CancellationToken.None)
            .AsTask().WaitAsync(Timeout);
        return result.Findings;
    }

    public static string SpanText(string text, Finding finding)
    {
        Assert.NotNull(finding.Span);
        var span = finding.Span!.Value;
        return text.Substring(span.Start, span.Length);
    }
}
