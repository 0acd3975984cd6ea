namespace LlmSecOps.Lint.Documents;

/// <summary>A URL found in code or configuration.</summary>
internal sealed record EndpointReference(string Url, EndpointRole Role, int Start, int End);
