using LlmSecOps.Core.Scanning;

namespace LlmSecOps.Server.Demo;

/// <summary>What happened to one demo request, as the client and the event saw it.</summary>
internal sealed record DemoResult(
    int Number,
    DemoRequest Request,
    int Status,
    Verdict? Verdict,
    IReadOnlyList<string> Categories,
    string Outcome,
    double Milliseconds);
