namespace LlmSecOps.Server.Tests.Telemetry;

/// <summary>A span decoded from an OTLP export, with the attributes of its resource.</summary>
internal sealed record OtlpSpan(string Name, string TraceId, IReadOnlyDictionary<string, object?> Attributes, IReadOnlyDictionary<string, object?> Resource);
