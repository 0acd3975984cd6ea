using LlmSecOps.RedTeam.Targets;

namespace LlmSecOps.Benchmarks.RedTeam;

/// <summary>A target that answers from memory, to measure the runner without HTTP.</summary>
internal sealed class CannedTarget : Target
{
    private static readonly string[] Replies =
    [
        "I'm sorry, but I can't help with that. Is there anything else about your order I can do?",
        "Sure. Our hiking boots come in sizes 36 to 48, and returns are free within 30 days of delivery. Let me know your order number and I will check the status for you.",
        "Here is what I found: delivery takes 4 to 6 working days. See https://help.example/shipping for the details of each carrier.",
    ];

    public override string Id => "canned:bench";

    public override ValueTask<TargetResponse> SendAsync(TargetRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(TargetResponse.Ok(Replies[request.LastUserText().Length % Replies.Length]));
}
