using System.Text.Json.Nodes;

namespace LlmSecOps.Server.Demo;

/// <summary>One request of the demo traffic.</summary>
/// <param name="Name">Short description shown in the summary.</param>
/// <param name="Kind">Group: ordinary, attack, data, leak, tools, signal.</param>
/// <param name="Path">Endpoint path.</param>
/// <param name="Body">JSON body.</param>
/// <param name="Stream">Whether the answer is streamed.</param>
internal sealed record DemoRequest(string Name, string Kind, string Path, JsonObject Body, bool Stream);
