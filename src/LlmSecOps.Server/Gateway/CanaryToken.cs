using System.Security.Cryptography;
using System.Text.Json.Nodes;
using LlmSecOps.Server.Gateway.Http;

namespace LlmSecOps.Server.Gateway;

/// <summary>
/// Per-request canary tokens: a random marker added to the system prompt as a short, harmless
/// line. The model has no reason to repeat it, so seeing it in a completion means the prompt leaked.
/// </summary>
internal static class CanaryToken
{
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    /// <summary>A fresh token such as <c>ref-k3v9q2x7m4p8w6zt</c> (80 random bits).</summary>
    public static string Create()
    {
        Span<byte> random = stackalloc byte[16];
        RandomNumberGenerator.Fill(random);
        return string.Create(20, random.ToArray(), static (span, bytes) =>
        {
            "ref-".AsSpan().CopyTo(span);
            for (var i = 0; i < 16; i++)
            {
                span[4 + i] = Alphabet[bytes[i] & 31];
            }
        });
    }

    /// <summary>The line added to the system prompt.</summary>
    public static string Line(string canary) => $"(internal reference: {canary})";

    /// <summary>
    /// Adds the canary line to the first system or developer message, or inserts a system message
    /// at the start when there is none.
    /// </summary>
    public static void Plant(JsonArray messages, string canary)
    {
        var line = Line(canary);
        foreach (var m in messages)
        {
            if (m is not JsonObject message || message.Prop("role").Str() is not ("system" or "developer"))
            {
                continue;
            }

            switch (message.Prop("content"))
            {
                case JsonValue v when v.Str() is { } text:
                    message["content"] = text.Length == 0 ? line : text + "\n\n" + line;
                    return;
                case JsonArray parts:
                    parts.Add(new JsonObject { ["type"] = "text", ["text"] = line });
                    return;
                default:
                    message["content"] = line;
                    return;
            }
        }

        messages.Insert(0, new JsonObject { ["role"] = "system", ["content"] = line });
    }
}
