namespace LlmSecOps.Guard.Scanners.Refusal;

/// <summary>One refusal phrase: its language and how strongly it signals a refusal.</summary>
internal sealed record RefusalPhrase(string Text, string Language, double Weight);
