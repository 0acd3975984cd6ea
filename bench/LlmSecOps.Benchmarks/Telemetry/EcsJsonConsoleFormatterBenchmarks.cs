using BenchmarkDotNet.Attributes;
using LlmSecOps.Server.Telemetry.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LlmSecOps.Benchmarks.Telemetry;

/// <summary>Formatting one request log entry with six structured values as an ECS JSON line.</summary>
[MemoryDiagnoser]
public class EcsJsonConsoleFormatterBenchmarks
{
    private static readonly Func<IReadOnlyList<KeyValuePair<string, object?>>, Exception?, string> Format =
        static (state, _) => "POST /v1/chat/completions answered 200 in 12.5 ms";

    private readonly KeyValuePair<string, object?>[] _state =
    [
        new("method", "POST"), new("path", "/v1/chat/completions"), new("statusCode", 200), new("elapsedMs", 12.5),
        new("clientIp", "192.0.2.7"), new("model", "gpt-test"), new("{OriginalFormat}", "{method} {path} answered {statusCode} in {elapsedMs} ms"),
    ];

    private EcsJsonConsoleFormatter _formatter = null!;
    private StringWriter _writer = null!;

    [GlobalSetup]
    public void Setup()
    {
        _formatter = new EcsJsonConsoleFormatter(new FixedOptions(), TimeProvider.System);
        _writer = new StringWriter();
    }

    [Benchmark]
    public int FormatRequestLine()
    {
        _writer.GetStringBuilder().Clear();
        var entry = new LogEntry<IReadOnlyList<KeyValuePair<string, object?>>>(LogLevel.Information, "LlmSecOps.Gateway", new EventId(1201, "RequestCompleted"), _state, null, Format);
        _formatter.Write(entry, null, _writer);
        return _writer.GetStringBuilder().Length;
    }

    private sealed class FixedOptions : IOptionsMonitor<EcsJsonConsoleFormatterOptions>
    {
        public EcsJsonConsoleFormatterOptions CurrentValue { get; } = new() { IncludeScopes = true };

        public EcsJsonConsoleFormatterOptions Get(string? name) => CurrentValue;

        public IDisposable? OnChange(Action<EcsJsonConsoleFormatterOptions, string?> listener) => null;
    }
}
