using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using LlmSecOps.RedTeam.Configuration;
using LlmSecOps.RedTeam.Running;
using LlmSecOps.RedTeam.Storage;
using LlmSecOps.RedTeam.Targets;
using LlmSecOps.RedTeam.Tests.Fakes;
using Microsoft.AspNetCore.Http;

namespace LlmSecOps.RedTeam.Tests;

/// <summary>The generic HTTP target: templated bodies, reply paths and sessions carried between turns.</summary>
public sealed class HttpTemplateTargetTests
{
    private const string TrickyTurn = "He said \"stop\"\nthen\ttabbed \\ a backslash, {{ not a placeholder }} </script> and 🙂 ünïcödé";

    [Fact]
    public async Task MultiTurnProbe_CarriesTheSessionIdFromTheReply_AndEscapesEveryTurn()
    {
        var seen = new ConcurrentQueue<(string Session, string Message, string? Header, string? AuthHeader)>();
        var sessions = 0;
        await using var app = await FakeLlmServer.StartRawAsync(async context =>
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            using var body = JsonDocument.Parse(await reader.ReadToEndAsync(context.RequestAborted));
            var session = body.RootElement.GetProperty("session").GetString()!;
            var message = body.RootElement.GetProperty("message").GetString()!;
            seen.Enqueue((session, message, context.Request.Headers["X-Session-Id"].FirstOrDefault(), context.Request.Headers.Authorization.FirstOrDefault()));
            if (session.Length == 0)
            {
                session = "sess-" + Interlocked.Increment(ref sessions);
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(JsonSerializer.Serialize(new { session_id = session, data = new { reply = "noted: " + message.Length } }));
        });

        var dir = TestPaths.NewTempDir();
        var template = Path.Combine(dir, "target.yaml");
        await File.WriteAllTextAsync(template, $$$"""
            url: {{{app.Address}}}/api/chat
            method: POST
            headers:
              Authorization: Bearer ${CHAT_TOKEN}
            body:
              session: "{{session_id}}"
              message: "{{prompt}}"
            response:
              path: data.reply
            session:
              path: $.session_id
              send_header: X-Session-Id
            """);
        var probes = Path.Combine(dir, "probes.yaml");
        await File.WriteAllTextAsync(probes, """
            id: custom.three-turns
            family: escalation
            intent: Check that three turns share one session.
            conversations:
              - - first turn
                - |-
                  He said "stop"
                  then	tabbed \ a backslash, {{ not a placeholder }} </script> and 🙂 ünïcödé
                - third turn
            detectors:
              - contains: { strings: [never-in-a-reply] }
            """);

        var r = await CliRunner.RunAsync(
            ["probe", "run", "--target-config", template, "--probes", probes, "--no-builtin", "--data-dir", dir, "--format", "json", "--quiet"],
            env: name => name == "CHAT_TOKEN" ? "t0ken" : null);
        Assert.True(r.Exit == 0, r.Err);

        var requests = seen.ToList();
        Assert.Equal(3, requests.Count);
        Assert.Equal(string.Empty, requests[0].Session);
        Assert.Null(requests[0].Header);
        Assert.Equal("sess-1", requests[1].Session);
        Assert.Equal("sess-1", requests[2].Session);
        Assert.Equal("sess-1", requests[1].Header);
        Assert.Equal("first turn", requests[0].Message);
        Assert.Equal(TrickyTurn, requests[1].Message);
        Assert.All(requests, q => Assert.Equal("Bearer t0ken", q.AuthHeader));

        using var doc = JsonDocument.Parse(r.Out);
        Assert.Equal(0, doc.RootElement.GetProperty("errors").GetInt32());
        var store = RedTeamStore.Open(dir);
        var attempt = Assert.Single(store.ReadAttempts(doc.RootElement.GetProperty("run").GetProperty("id").GetString()!));
        Assert.Equal(3, attempt.Turns);
        Assert.Equal("noted: 10", attempt.Response);
        Assert.Equal(AttemptOutcome.Fail, attempt.Outcome);
    }

    [Fact]
    public async Task RawJsonBody_HistoryPlaceholder_AndBlockedStatus()
    {
        var bodies = new ConcurrentQueue<string>();
        await using var app = await FakeLlmServer.StartRawAsync(async context =>
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            bodies.Enqueue(body);
            context.Response.ContentType = "application/json";
            if (body.Contains("PWNED", StringComparison.Ordinal))
            {
                context.Response.StatusCode = 403;
                await context.Response.WriteAsync("""{"error":{"code":"guardrail_block"}}""");
                return;
            }

            await context.Response.WriteAsync("""{"choices":[{"message":{"content":"fine"}}]}""");
        });

        var yaml = $$$"""
            url: {{{app.Address}}}/chat?user={{conversation_id}}
            body: '{"model": "m", "messages": {{messages}}, "note": "{{prompt}}"}'
            response: { path: "$.choices[0].message.content" }
            blocked: { status: [403], path: error.code, equals: guardrail_block }
            """;
        var template = HttpTargetTemplateLoader.Parse(yaml, "inline.yaml", _ => null);
        Assert.True(template.SendsHistory);
        using var http = new HttpClient();
        var target = new HttpTemplateTarget(http, template);
        var state = new ConversationState("conv-1");
        var ok = await target.SendAsync(new TargetRequest { Messages = [Conversations.ChatMessage.System("sys \"q\""), Conversations.ChatMessage.User("hello \"there\"")], State = state }, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(TargetStatus.Ok, ok.Status);
        Assert.Equal("fine", ok.Text);
        using (var sent = JsonDocument.Parse(bodies.Single()))
        {
            Assert.Equal(2, sent.RootElement.GetProperty("messages").GetArrayLength());
            Assert.Equal("hello \"there\"", sent.RootElement.GetProperty("note").GetString());
        }

        var blocked = await target.SendAsync(new TargetRequest { Messages = [Conversations.ChatMessage.User("say PWNED-000000")], State = state }, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(TargetStatus.Blocked, blocked.Status);
    }

    [Fact]
    public void TemplateMistakes_AreReportedWithLineAndColumn()
    {
        var yaml = """
            url: not a url
            method: DELETE
            body:
              message: "{{promt}}"
            response:
              path: "data..reply"
            session:
              initial: sometimes
            """;
        var ex = Assert.Throws<RedTeamFormatException>(() => HttpTargetTemplateLoader.Parse(yaml, "t.yaml", _ => null));
        var text = string.Join("\n", ex.Errors);
        Assert.Contains("t.yaml:1:6: url:", text, StringComparison.Ordinal);
        Assert.Contains("t.yaml:2:9: method:", text, StringComparison.Ordinal);
        Assert.Contains("unknown placeholder {{promt}}", text, StringComparison.Ordinal);
        Assert.Contains("t.yaml:6:9: response.path:", text, StringComparison.Ordinal);
        Assert.Contains("t.yaml:8:12: session.initial:", text, StringComparison.Ordinal);

        var env = Assert.Throws<RedTeamFormatException>(() => HttpTargetTemplateLoader.Parse("url: http://x/${NOPE}\nbody: {m: \"{{prompt}}\"}\nresponse: {path: a}", "e.yaml", _ => null));
        Assert.Contains("environment variable NOPE is not set", env.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonPath_ReadsNestedMembersAndIndexes()
    {
        using var doc = JsonDocument.Parse("""{"choices":[{"message":{"content":"hi"}}],"data":{"odd key":[1,"x"]}}""");
        Assert.Equal("hi", JsonPathExpression.TryParse("$.choices[0].message.content", out _)!.EvaluateText(doc.RootElement));
        Assert.Equal("x", JsonPathExpression.TryParse("data['odd key'][1]", out _)!.EvaluateText(doc.RootElement));
        Assert.Null(JsonPathExpression.TryParse("choices[3].message", out _)!.Evaluate(doc.RootElement));
        Assert.Null(JsonPathExpression.TryParse("a[", out var error));
        Assert.NotNull(error);
    }
}
