using System.Text.Json.Nodes;

namespace LlmSecOps.Server.Tests.Infrastructure;

/// <summary>One request the fake upstream received.</summary>
internal sealed record ReceivedRequest(string Method, string Path, string Authorization, string Body, JsonObject? Json);
