using System.Net;
using System.Text;
using LlmSecOps.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace LlmSecOps.Server.Tests.Gateway;

/// <summary>Seeded random input on both sides of the gateway: it answers in the OpenAI shape and never fails with a 500.</summary>
public sealed class RobustnessTests
{
    private static readonly string[] Fragments =
    [
        "{", "}", "[", "]", ",", ":", "\"model\"", "\"messages\"", "\"role\"", "\"user\"", "\"content\"", "\"stream\"",
        "true", "null", "1e999", "-0", "\"\\u0000\"", "\"\\ud800\"", "\"x\"", "\"tools\"", "\"function\"", "\"name\"", " ", "\n",
    ];

    [Fact]
    public async Task RandomRequestBodies_AreAnsweredWithoutServerErrors()
    {
        await using var gw = await TestGateway.StartAsync();
        var random = new Random(20261124);
        for (var i = 0; i < 60; i++)
        {
            var sb = new StringBuilder(i % 3 == 0 ? "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":" : string.Empty);
            var n = random.Next(1, 40);
            for (var k = 0; k < n; k++)
            {
                sb.Append(Fragments[random.Next(Fragments.Length)]);
            }

            using var response = await gw.PostRawAsync("/v1/chat/completions", sb.ToString(), "application/json");
            var body = await response.Content.ReadAsStringAsync().WaitAsync(TestGateway.Timeout);
            Assert.True((int)response.StatusCode < 500, $"{response.StatusCode} for {sb}: {body}");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Assert.Contains("\"error\":{", body, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task RandomUpstreamStreams_EndCleanly()
    {
        await using var gw = await TestGateway.StartAsync(o => o with { Streaming = new() { WindowChars = 16, ScanStepChars = 4 } });
        var random = new Random(7);
        string[] pieces =
        [
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hello \"}}]}\n\n",
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"world\"},\"finish_reason\":\"stop\"}]}\n\n",
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\"}}]}}]}\n\n",
            "data: {\"choices\":[{\"index\":3,\"delta\":{\"content\":\"x\"}}]}\n\n",
            "data: {\"choices\":\"nope\"}\n\n", "data: [1,2,3]\n\n", "data: {\"error\":{\"message\":\"boom\"}}\n\n",
            ": keep-alive\n\n", "event: ping\n\n", "data: {\"choices\":[{\"delta\":null}]}\n\n", "data: {broken\n\n",
            "data: [DONE]\n\n", "\n\n", "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\\ud83d\"}}]}\n\n",
        ];
        for (var i = 0; i < 40; i++)
        {
            var body = new StringBuilder();
            var n = random.Next(1, 12);
            for (var k = 0; k < n; k++)
            {
                body.Append(pieces[random.Next(pieces.Length)]);
            }

            var text = body.ToString();
            gw.Upstream.Handler = async (ctx, req) =>
            {
                ctx.Response.ContentType = "text/event-stream";
                await ctx.Response.WriteAsync(text);
            };

            using var response = await gw.ChatAsync(TestGateway.Chat("Hello", stream: true));
            var answer = await response.Content.ReadAsStringAsync().WaitAsync(TestGateway.Timeout);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadGateway or HttpStatusCode.BadRequest, $"{response.StatusCode} for {text}: {answer}");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                Assert.EndsWith("data: [DONE]\n\n", answer, StringComparison.Ordinal);
            }
        }

        await gw.Events.WaitForAsync(40);
    }
}
