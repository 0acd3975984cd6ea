using System.Diagnostics;
using System.Text.Json;
using LlmSecOps.Server.Telemetry;
using LlmSecOps.Server.Telemetry.Logging;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace LlmSecOps.Server.Tests.Telemetry;

public sealed class EcsJsonConsoleFormatterTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 5, 6, 7, 123, 456, TimeSpan.Zero);

    private readonly StringWriter _output = new();
    private readonly ServiceProvider _services;
    private readonly ILoggerFactory _factory;

    public EcsJsonConsoleFormatterTests()
    {
        _services = new ServiceCollection()
            .AddSingleton<TimeProvider>(new FixedTimeProvider(Now))
            .AddLogging(logging => logging.AddConsoleFormatter<EcsJsonConsoleFormatter, EcsJsonConsoleFormatterOptions>(o =>
            {
                o.ServiceName = "gateway-test";
                o.ServiceVersion = "1.2.3";
                o.EventDataset = "llmsecops.test";
                o.IncludeScopes = true;
            }))
            .BuildServiceProvider();
        var formatter = _services.GetServices<ConsoleFormatter>().Single(f => f.Name == EcsJsonConsoleFormatter.FormatterName);
        _factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FormatterProvider(formatter, _output)));
    }

    public void Dispose()
    {
        _factory.Dispose();
        _services.Dispose();
        _output.Dispose();
    }

    private List<JsonElement> Lines()
    {
        var text = _output.ToString();
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
    }

    [Fact]
    public void Write_RequestLog_MapsStructuredValuesToEcsFields()
    {
        var logger = _factory.CreateLogger("LlmSecOps.Gateway");

        EcsTestLog.RequestCompleted(logger, "POST", "/v1/chat/completions", 400, 12.5, "192.0.2.7", "gpt-test");

        var line = Assert.Single(Lines());
        Assert.Equal("2026-03-04T05:06:07.123456Z", line.GetProperty("@timestamp").GetString());
        Assert.Equal("info", line.GetProperty("log.level").GetString());
        Assert.Equal("POST /v1/chat/completions answered 400 in 12.5 ms for 192.0.2.7 via gpt-test", line.GetProperty("message").GetString());
        Assert.Equal(EcsJsonConsoleFormatter.EcsVersion, line.GetProperty("ecs.version").GetString());
        Assert.Equal("gateway-test", line.GetProperty("service.name").GetString());
        Assert.Equal("1.2.3", line.GetProperty("service.version").GetString());
        Assert.Equal("llmsecops.test", line.GetProperty("event.dataset").GetString());
        Assert.Equal("LlmSecOps.Gateway", line.GetProperty("log.logger").GetString());
        Assert.Equal("1201", line.GetProperty("event.code").GetString());
        Assert.Equal("RequestCompleted", line.GetProperty("event.action").GetString());
        Assert.Equal("POST", line.GetProperty("http.request.method").GetString());
        Assert.Equal("/v1/chat/completions", line.GetProperty("url.path").GetString());
        Assert.Equal(400, line.GetProperty("http.response.status_code").GetInt32());
        Assert.Equal(12_500_000, line.GetProperty("event.duration").GetInt64());
        Assert.Equal("192.0.2.7", line.GetProperty("client.ip").GetString());
        Assert.Equal("gpt-test", line.GetProperty("labels.model").GetString());
        Assert.False(line.TryGetProperty("{OriginalFormat}", out _));
    }

    [Fact]
    public void Write_Exception_FillsErrorFields()
    {
        var logger = _factory.CreateLogger("LlmSecOps.Gateway");
        InvalidOperationException thrown;
        try
        {
            throw new InvalidOperationException("connection refused by upstream");
        }
        catch (InvalidOperationException e)
        {
            thrown = e;
        }

        EcsTestLog.UpstreamFailed(logger, "primary", thrown);

        var line = Assert.Single(Lines());
        Assert.Equal("error", line.GetProperty("log.level").GetString());
        Assert.Equal("System.InvalidOperationException", line.GetProperty("error.type").GetString());
        Assert.Equal("connection refused by upstream", line.GetProperty("error.message").GetString());
        Assert.Contains(nameof(Write_Exception_FillsErrorFields), line.GetProperty("error.stack_trace").GetString(), StringComparison.Ordinal);
        Assert.Equal("primary", line.GetProperty("labels.upstream").GetString());
    }

    [Fact]
    public void Write_InsideActivity_CarriesTraceAndSpanIds()
    {
        var logger = _factory.CreateLogger("LlmSecOps.Gateway");
        using var activity = new Activity("test-operation").SetIdFormat(ActivityIdFormat.W3C).Start();

        EcsTestLog.UpstreamFailed(logger, "primary", new TimeoutException("slow"));

        var line = Assert.Single(Lines());
        Assert.Equal(activity.TraceId.ToHexString(), line.GetProperty("trace.id").GetString());
        Assert.Equal(activity.SpanId.ToHexString(), line.GetProperty("span.id").GetString());
    }

    [Fact]
    public void Write_Scopes_AddFields_WithoutDuplicatingKeys()
    {
        var logger = _factory.CreateLogger("LlmSecOps.Gateway");
        using (logger.BeginScope(new Dictionary<string, object?> { ["RequestId"] = "0HN1:00000001", ["RequestPath"] = "/from-scope", ["ConnectionId"] = "0HN1" }))
        using (logger.BeginScope("outer text scope"))
        {
            EcsTestLog.RequestCompleted(logger, "GET", "/v1/models", 200, 1, "198.51.100.1", "m");
        }

        var text = _output.ToString().TrimEnd('\n');
        var line = Assert.Single(Lines());
        Assert.Equal("0HN1:00000001", line.GetProperty("http.request.id").GetString());
        Assert.Equal("/v1/models", line.GetProperty("url.path").GetString());
        Assert.Equal("0HN1", line.GetProperty("labels.connection_id").GetString());
        Assert.Equal("outer text scope", line.GetProperty("labels.scope").GetString());
        using var reader = JsonDocument.Parse(text);
        var names = reader.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Write_SecretLookingValues_AreRedacted()
    {
        var logger = _factory.CreateLogger("LlmSecOps.Gateway");
        const string key = "sk-live-1234567890abcdef";
        const string canary = "canary-7f3a9c";

        EcsTestLog.LeakAttempt(logger, key, "Bearer " + key, "{\"messages\":[]}", canary);

        var line = Assert.Single(Lines());
        Assert.Equal(EcsFieldMap.RedactedValue, line.GetProperty("labels.api_key").GetString());
        Assert.Equal(EcsFieldMap.RedactedValue, line.GetProperty("labels.authorization").GetString());
        Assert.Equal(EcsFieldMap.RedactedValue, line.GetProperty("labels.body").GetString());
        Assert.Equal(EcsFieldMap.RedactedValue, line.GetProperty("labels.canary_token").GetString());

        // The formatted message is the caller's responsibility; only the structured copies are guarded.
        var structured = line.EnumerateObject().Where(p => p.Name != "message").Select(p => p.Value.ToString());
        Assert.DoesNotContain(structured, v => v.Contains(key, StringComparison.Ordinal) || v.Contains(canary, StringComparison.Ordinal));
    }

    [Fact]
    public void Write_ControlCharactersAndDottedNames_StayOneValidLine()
    {
        var logger = _factory.CreateLogger("LlmSecOps.Gateway");

        using (logger.BeginScope(new Dictionary<string, object?> { ["http.request.method"] = "PATCH", ["gen_ai.request.model"] = "m-1" }))
        {
            EcsTestLog.OddText(logger, "line1\nline2\r\u001b[31mred\u2028\"quoted\"\\");
        }

        var text = _output.ToString();
        Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain('\u001b', text);
        var line = Assert.Single(Lines());
        Assert.Equal("debug", line.GetProperty("log.level").GetString());
        Assert.Equal("line1\nline2\r\u001b[31mred\u2028\"quoted\"\\", line.GetProperty("labels.text").GetString());
        Assert.Equal("PATCH", line.GetProperty("http.request.method").GetString());
        Assert.Equal("m-1", line.GetProperty("labels.gen_ai_request_model").GetString());
    }

    [Fact]
    public void Write_RandomStateNamesAndValues_AlwaysParseAsJson()
    {
        var random = new Random(20260304);
        var logger = _factory.CreateLogger("fuzz");
        for (var i = 0; i < 300; i++)
        {
            var state = new List<KeyValuePair<string, object?>>();
            var count = random.Next(0, 6);
            for (var j = 0; j < count; j++)
            {
                state.Add(new(RandomText(random, 12), random.Next(4) switch
                {
                    0 => RandomText(random, 40),
                    1 => random.Next(),
                    2 => random.NextDouble() * 1e6,
                    _ => null,
                }));
            }

            logger.Log(LogLevel.Information, new EventId(i), state, null, static (s, _) => "fuzz " + s.Count);
        }

        var lines = Lines();
        Assert.Equal(300, lines.Count);
        Assert.All(lines, l => Assert.Equal("info", l.GetProperty("log.level").GetString()));
    }

    [Fact]
    public void AddLlmSecOpsTelemetry_SelectsEcsFormatterForConsole()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.AddLlmSecOpsTelemetry(o => o with { ServiceName = "registered" });
        using var app = builder.Build();

        var console = app.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;
        var ecs = app.Services.GetRequiredService<IOptionsMonitor<EcsJsonConsoleFormatterOptions>>().CurrentValue;

        Assert.Equal(EcsJsonConsoleFormatter.FormatterName, console.FormatterName);
        Assert.Contains(app.Services.GetServices<ConsoleFormatter>(), f => f is EcsJsonConsoleFormatter);
        Assert.Equal("registered", ecs.ServiceName);
    }

    private static string RandomText(Random random, int maxLength)
    {
        var chars = new char[random.Next(0, maxLength)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = random.Next(5) switch
            {
                0 => (char)random.Next(0, 32),
                1 => (char)random.Next(0xD800, 0xE000),
                2 => (char)random.Next(0x80, 0x3000),
                _ => (char)random.Next(32, 127),
            };
        }

        return new string(chars);
    }

    private sealed class FormatterProvider(ConsoleFormatter formatter, TextWriter output) : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider? _scopes;

        public ILogger CreateLogger(string categoryName) => new FormatterLogger(categoryName, formatter, output, () => _scopes);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }
    }

    private sealed class FormatterLogger(string category, ConsoleFormatter formatter, TextWriter output, Func<IExternalScopeProvider?> scopes) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => scopes()?.Push(state) ?? NullScope.Instance;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter1)
        {
            var entry = new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter1);
            lock (output)
            {
                formatter.Write(entry, scopes(), output);
            }
        }
    }

    private sealed class NullScope : IDisposable
    {
        public static NullScope Instance { get; } = new();

        public void Dispose()
        {
        }
    }
}
