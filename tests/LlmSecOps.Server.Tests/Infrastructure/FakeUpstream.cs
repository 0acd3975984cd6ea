using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LlmSecOps.Server.Tests.Infrastructure;

/// <summary>
/// A fake OpenAI-compatible server for tests: real Kestrel on 127.0.0.1:0, records every request
/// it receives, and answers with whatever the test's handler says (by default a fixed completion,
/// streamed when asked).
/// </summary>
internal sealed class FakeUpstream : IAsyncDisposable
{
    public const string DefaultAnswer = "The capital of France is Paris. It has been the capital for centuries.";

    private readonly WebApplication _app;

    private FakeUpstream(WebApplication app)
    {
        _app = app;
    }

    /// <summary>Requests received, in order.</summary>
    public ConcurrentQueue<ReceivedRequest> Received { get; } = new();

    /// <summary>The answer; replace it per test.</summary>
    public Func<HttpContext, ReceivedRequest, Task> Handler { get; set; } = (ctx, req) => Respond(ctx, req, DefaultAnswer);

    /// <summary>The base URL clients use (ends in <c>/v1/</c>).</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<FakeUpstream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeUpstream(app);
        app.Run(async ctx =>
        {
            using var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8);
            var text = await reader.ReadToEndAsync(ctx.RequestAborted);
            JsonObject? json = null;
            try
            {
                json = text.Length > 0 ? JsonNode.Parse(text) as JsonObject : null;
            }
            catch (JsonException)
            {
            }

            var received = new ReceivedRequest(ctx.Request.Method, ctx.Request.Path.Value ?? string.Empty, ctx.Request.Headers.Authorization.ToString(), text, json);
            fake.Received.Enqueue(received);
            await fake.Handler(ctx, received);
        });
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(15));
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseUrl = new Uri(address.TrimEnd('/') + "/v1/");
        return fake;
    }

    /// <summary>Answers a chat request with <paramref name="content"/>, as JSON or as a stream depending on the request.</summary>
    public static Task Respond(HttpContext ctx, ReceivedRequest req, string content, int chunkChars = 4, JsonArray? toolCalls = null, Func<int, JsonNode?>? logprobs = null)
    {
        var stream = req.Json?["stream"]?.GetValue<bool>() == true;
        return stream
            ? WriteStreamAsync(ctx, req, content, chunkChars, toolCalls, logprobs)
            : WriteJsonAsync(ctx, Completion(req, content, toolCalls, logprobs));
    }

    /// <summary>A complete chat.completion document, with a field from the future to check it passes through.</summary>
    public static string Completion(ReceivedRequest req, string? content, JsonArray? toolCalls = null, Func<int, JsonNode?>? logprobs = null)
    {
        var message = new JsonObject { ["role"] = "assistant", ["content"] = content, ["refusal"] = null };
        if (toolCalls is not null)
        {
            message["tool_calls"] = toolCalls.DeepClone();
        }

        JsonNode? lp = null;
        if (req.Json?["logprobs"]?.GetValue<bool>() == true && content is not null)
        {
            lp = new JsonObject { ["content"] = TokenLogprobs(Tokens(content), req, logprobs), ["refusal"] = null };
        }

        var doc = new JsonObject
        {
            ["id"] = "chatcmpl-fake-1",
            ["object"] = "chat.completion",
            ["created"] = 1_700_000_000,
            ["model"] = (req.Json?["model"]?.GetValue<string>() ?? "fake") + "-2025-01-01",
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = message,
                ["logprobs"] = lp,
                ["finish_reason"] = toolCalls is null ? "stop" : "tool_calls",
            }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 21, ["completion_tokens"] = 13, ["total_tokens"] = 34 },
            ["system_fingerprint"] = "fp_fake",
            ["x_future_field"] = new JsonObject { ["kept"] = true },
        };
        return doc.ToJsonString();
    }

    public static async Task WriteJsonAsync(HttpContext ctx, string json, int status = 200)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        ctx.Response.Headers["x-request-id"] = "req-fake";
        await ctx.Response.WriteAsync(json);
    }

    /// <summary>Streams <paramref name="content"/> in small chunks, the way OpenAI does.</summary>
    public static async Task WriteStreamAsync(HttpContext ctx, ReceivedRequest req, string content, int chunkChars = 4, JsonArray? toolCalls = null, Func<int, JsonNode?>? logprobs = null, TimeSpan? delay = null, int? abortAfterChunks = null)
    {
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "text/event-stream";
        var model = (req.Json?["model"]?.GetValue<string>() ?? "fake") + "-2025-01-01";
        var wantsLogprobs = req.Json?["logprobs"]?.GetValue<bool>() == true;
        var includeUsage = req.Json?["stream_options"]?["include_usage"]?.GetValue<bool>() == true;
        var sent = 0;
        async Task Send(JsonObject delta, string? finish, JsonNode? lp = null)
        {
            var chunk = new JsonObject
            {
                ["id"] = "chatcmpl-fake-1",
                ["object"] = "chat.completion.chunk",
                ["created"] = 1_700_000_000,
                ["model"] = model,
                ["system_fingerprint"] = "fp_fake",
                ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["logprobs"] = lp, ["finish_reason"] = finish }),
            };
            if (includeUsage)
            {
                chunk["usage"] = null;
            }

            await ctx.Response.WriteAsync("data: " + chunk.ToJsonString() + "\n\n");
            await ctx.Response.Body.FlushAsync();
            sent++;
            if (abortAfterChunks is { } n && sent >= n)
            {
                // Let what was flushed reach the socket, then kill the connection mid-stream.
                await Task.Delay(200);
                ctx.Abort();
                throw new OperationCanceledException("fake upstream aborted on purpose");
            }

            if (delay is { } d)
            {
                await Task.Delay(d, ctx.RequestAborted);
            }
        }

        await Send(new JsonObject { ["role"] = "assistant", ["content"] = "", ["refusal"] = null }, null);
        var tokens = Tokens(content).ToList();
        var piece = new StringBuilder();
        var pieceTokens = new List<string>();
        foreach (var t in tokens)
        {
            piece.Append(t);
            pieceTokens.Add(t);
            if (piece.Length >= chunkChars)
            {
                await Send(new JsonObject { ["content"] = piece.ToString() }, null, wantsLogprobs ? new JsonObject { ["content"] = TokenLogprobs(pieceTokens, req, logprobs) } : null);
                piece.Clear();
                pieceTokens.Clear();
            }
        }

        if (piece.Length > 0)
        {
            await Send(new JsonObject { ["content"] = piece.ToString() }, null, wantsLogprobs ? new JsonObject { ["content"] = TokenLogprobs(pieceTokens, req, logprobs) } : null);
        }

        if (toolCalls is not null)
        {
            var i = 0;
            foreach (var call in toolCalls)
            {
                var args = call!["function"]!["arguments"]!.GetValue<string>();
                await Send(new JsonObject { ["tool_calls"] = new JsonArray(new JsonObject { ["index"] = i, ["id"] = call["id"]!.GetValue<string>(), ["type"] = "function", ["function"] = new JsonObject { ["name"] = call["function"]!["name"]!.GetValue<string>(), ["arguments"] = "" } }) }, null);
                for (var k = 0; k < args.Length; k += 5)
                {
                    await Send(new JsonObject { ["tool_calls"] = new JsonArray(new JsonObject { ["index"] = i, ["function"] = new JsonObject { ["arguments"] = args.Substring(k, Math.Min(5, args.Length - k)) } }) }, null);
                }

                i++;
            }
        }

        await Send(new JsonObject(), toolCalls is null ? "stop" : "tool_calls");
        if (includeUsage)
        {
            var usage = new JsonObject
            {
                ["id"] = "chatcmpl-fake-1",
                ["object"] = "chat.completion.chunk",
                ["created"] = 1_700_000_000,
                ["model"] = model,
                ["choices"] = new JsonArray(),
                ["usage"] = new JsonObject { ["prompt_tokens"] = 21, ["completion_tokens"] = tokens.Count, ["total_tokens"] = 21 + tokens.Count },
            };
            await ctx.Response.WriteAsync("data: " + usage.ToJsonString() + "\n\n");
        }

        await ctx.Response.WriteAsync("data: [DONE]\n\n");
    }

    /// <summary>Splits text into word-ish tokens (words keep their leading space).</summary>
    public static IEnumerable<string> Tokens(string text)
    {
        var sb = new StringBuilder();
        foreach (var ch in text)
        {
            if (ch == ' ' && sb.Length > 0)
            {
                yield return sb.ToString();
                sb.Clear();
            }

            sb.Append(ch);
        }

        if (sb.Length > 0)
        {
            yield return sb.ToString();
        }
    }

    private static JsonArray TokenLogprobs(IEnumerable<string> tokens, ReceivedRequest req, Func<int, JsonNode?>? custom)
    {
        var top = req.Json?["top_logprobs"]?.GetValue<int>() ?? 0;
        var array = new JsonArray();
        var i = 0;
        foreach (var t in tokens)
        {
            if (custom?.Invoke(i) is { } node)
            {
                array.Add(node);
            }
            else
            {
                // A confident model: the chosen token takes almost all the mass.
                var alternatives = new JsonArray();
                for (var k = 0; k < top; k++)
                {
                    alternatives.Add(new JsonObject { ["token"] = k == 0 ? t : "alt" + k.ToString(CultureInfo.InvariantCulture), ["logprob"] = k == 0 ? -0.01 : -6.0 - k, ["bytes"] = null });
                }

                array.Add(new JsonObject { ["token"] = t, ["logprob"] = -0.01, ["bytes"] = null, ["top_logprobs"] = alternatives });
            }

            i++;
        }

        return array;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().WaitAsync(TimeSpan.FromSeconds(15));
        await _app.DisposeAsync();
    }
}
