using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
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
        Span<char> token = stackalloc char[20];
        "ref-".AsSpan().CopyTo(token);
        for (var i = 0; i < 16; i++)
        {
            token[4 + i] = Alphabet[random[i] & 31];
        }

        return new string(token);
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

    /// <summary>
    /// Does what <see cref="Plant"/> does, but on the request's own bytes: the canary line is
    /// spliced into the first system or developer message and everything else is copied as sent,
    /// so an unchanged request is not parsed into a tree and written out again. Handles a string
    /// or array <c>content</c> and a conversation without a system message; returns false, having
    /// written nothing, for any other shape, and the caller plants into the tree instead.
    /// </summary>
    /// <param name="json">A body that <see cref="Http.JsonBody.ParseObject"/> accepted, with a <c>messages</c> array of objects with string roles.</param>
    public static bool TryPlant(ReadOnlySpan<byte> json, string canary, IBufferWriter<byte> output)
    {
        try
        {
            return TryPlantCore(json, canary, output);
        }
        catch (JsonException)
        {
            // Bytes the tree parser took but this reader does not: the tree path decides.
            return false;
        }
    }

    private static bool TryPlantCore(ReadOnlySpan<byte> json, string canary, IBufferWriter<byte> output)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = Http.JsonBody.MaxDepth });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.CurrentDepth != 1 || !reader.ValueTextEquals("messages"u8))
            {
                reader.Read();
                reader.Skip();
                continue;
            }

            reader.Read();
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                return false;
            }

            var arrayStart = (int)reader.TokenStartIndex;
            var seen = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                seen++;
                if (!ReadMessage(ref reader, out var system, out var content))
                {
                    return false;
                }

                if (system)
                {
                    return content.Kind switch
                    {
                        JsonTokenType.String => Splice(json, content.Insert, content.Empty ? [] : "\\n\\n"u8, canary, [], output),
                        JsonTokenType.StartArray => Splice(json, content.Insert, content.Empty ? "{\"type\":\"text\",\"text\":\""u8 : ",{\"type\":\"text\",\"text\":\""u8, canary, "\"}"u8, output),
                        _ => false,
                    };
                }
            }

            // No system message: one goes first, before the rest.
            return reader.TokenType == JsonTokenType.EndArray && seen > 0 && Splice(json, arrayStart + 1, "{\"role\":\"system\",\"content\":\""u8, canary, "\"},"u8, output);
        }

        return false;
    }

    /// <summary>Reads one message object; the reader ends on its closing brace.</summary>
    private static bool ReadMessage(ref Utf8JsonReader reader, out bool system, out (JsonTokenType Kind, int Insert, bool Empty) content)
    {
        system = false;
        content = (JsonTokenType.None, -1, false);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("role"u8))
            {
                reader.Read();
                system = reader.TokenType == JsonTokenType.String && (reader.ValueTextEquals("system"u8) || reader.ValueTextEquals("developer"u8));
            }
            else if (reader.ValueTextEquals("content"u8))
            {
                reader.Read();
                switch (reader.TokenType)
                {
                    case JsonTokenType.String:
                        // Before the closing quote; an empty string ("") has no raw bytes at all.
                        content = (JsonTokenType.String, (int)reader.BytesConsumed - 1, reader.ValueSpan.IsEmpty);
                        break;
                    case JsonTokenType.StartArray:
                        var elements = 0;
                        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                        {
                            elements++;
                            reader.Skip();
                        }

                        content = (JsonTokenType.StartArray, (int)reader.TokenStartIndex, elements == 0);
                        break;
                    default:
                        reader.Skip();
                        content = (reader.TokenType, -1, false);
                        break;
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return reader.TokenType == JsonTokenType.EndObject;
    }

    private static bool Splice(ReadOnlySpan<byte> json, int at, ReadOnlySpan<byte> before, string canary, ReadOnlySpan<byte> after, IBufferWriter<byte> output)
    {
        // The line is plain ASCII (the alphabet above), so it needs no JSON escaping.
        var line = Line(canary);
        var length = json.Length + before.Length + line.Length + after.Length;
        var span = output.GetSpan(length);
        json[..at].CopyTo(span);
        var n = at;
        before.CopyTo(span[n..]);
        n += before.Length;
        n += Encoding.ASCII.GetBytes(line, span[n..]);
        after.CopyTo(span[n..]);
        n += after.Length;
        json[at..].CopyTo(span[n..]);
        output.Advance(length);
        return true;
    }
}
