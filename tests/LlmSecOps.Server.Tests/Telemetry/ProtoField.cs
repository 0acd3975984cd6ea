namespace LlmSecOps.Server.Tests.Telemetry;

/// <summary>One protobuf field: its number, wire type, integer value (or length) and bytes.</summary>
internal sealed record ProtoField(int Number, int WireType, ulong Value, ReadOnlyMemory<byte> Bytes);
