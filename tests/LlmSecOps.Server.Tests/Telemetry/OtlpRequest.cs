namespace LlmSecOps.Server.Tests.Telemetry;

/// <summary>One export request the fake collector received.</summary>
internal sealed record OtlpRequest(string Path, string? ContentType, byte[] Body);
