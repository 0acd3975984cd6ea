using System.Buffers;
using System.IO.Pipelines;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using LlmSecOps.Server.Gateway.Http;

namespace LlmSecOps.Server.Gateway.Streaming;

/// <summary>Writes server-sent events to the client straight into the response pipe.</summary>
internal sealed class ChunkWriter : IDisposable
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };
    private readonly PipeWriter _out;
    private readonly Utf8JsonWriter _json;

    public ChunkWriter(PipeWriter output)
    {
        _out = output;
        _json = new Utf8JsonWriter(output, Options);
    }

    /// <summary>Writes an event whose data is already JSON.</summary>
    public void Raw(ReadOnlySpan<byte> data)
    {
        _out.Write("data: "u8);
        _out.Write(data);
        _out.Write("\n\n"u8);
    }

    /// <summary>
    /// Writes a chunk: the template's top-level fields with <c>choices</c> written by
    /// <paramref name="writeChoices"/> and <c>usage</c> replaced by <paramref name="usage"/> (or
    /// null when <paramref name="usageNull"/>, or left out).
    /// </summary>
    public void Chunk<TState>(JsonObject template, bool usageNull, TState state, Action<Utf8JsonWriter, TState> writeChoices, JsonNode? usage = null)
    {
        var w = Begin();
        w.WriteStartObject();
        var wroteChoices = false;
        foreach (var (name, value) in template)
        {
            switch (name)
            {
                case "choices":
                    w.WritePropertyName("choices");
                    writeChoices(w, state);
                    wroteChoices = true;
                    break;
                case "usage":
                    break;
                default:
                    w.WritePropertyName(name);
                    if (value is null)
                    {
                        w.WriteNullValue();
                    }
                    else
                    {
                        value.WriteTo(w);
                    }

                    break;
            }
        }

        if (!wroteChoices)
        {
            w.WritePropertyName("choices");
            writeChoices(w, state);
        }

        if (usage is not null)
        {
            w.WritePropertyName("usage");
            usage.WriteTo(w);
        }
        else if (usageNull)
        {
            w.WriteNull("usage");
        }

        w.WriteEndObject();
        End();
    }

    /// <summary>Writes the OpenAI error shape as a final event.</summary>
    public void Error(string type, string code, string message)
    {
        var w = Begin();
        OpenAiError.Write(w, type, code, message);
        End();
    }

    /// <summary>Writes <c>data: [DONE]</c>.</summary>
    public void Done() => _out.Write("data: [DONE]\n\n"u8);

    /// <summary>Sends what has been written; throws when the client has gone.</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        var result = await _out.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (result.IsCanceled || result.IsCompleted)
        {
            throw new OperationCanceledException("the client stopped reading");
        }
    }

    private Utf8JsonWriter Begin()
    {
        _out.Write("data: "u8);
        _json.Reset(_out);
        return _json;
    }

    private void End()
    {
        _json.Flush();
        _out.Write("\n\n"u8);
    }

    /// <inheritdoc />
    public void Dispose() => _json.Dispose();
}
