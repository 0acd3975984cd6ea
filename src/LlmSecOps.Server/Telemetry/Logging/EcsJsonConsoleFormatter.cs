using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace LlmSecOps.Server.Telemetry.Logging;

/// <summary>
/// Writes each log entry as one line of JSON with Elastic Common Schema field names, ready
/// for Filebeat or Elastic Agent: <c>@timestamp</c>, <c>log.level</c>, <c>message</c>,
/// <c>ecs.version</c>, <c>service.*</c>, <c>event.dataset</c>, <c>log.logger</c>,
/// <c>trace.id</c>/<c>span.id</c> of the current activity, <c>error.*</c> for exceptions, and
/// the structured values of the message and its scopes mapped by <see cref="EcsFieldMap"/>.
/// Plugs into the console logger, which formats on the caller's thread and writes on its own.
/// </summary>
internal sealed class EcsJsonConsoleFormatter : ConsoleFormatter, IDisposable
{
    /// <summary>The name the console logger selects this formatter by.</summary>
    public const string FormatterName = "ecs";

    /// <summary>The ECS version the field names follow.</summary>
    public const string EcsVersion = "8.11.0";

    private const string OriginalFormatKey = "{OriginalFormat}";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    private static readonly string[] BaseFields = ["@timestamp", "log.level", "message", "ecs.version", "service.name", "service.version", "event.dataset", "log.logger"];
    private static readonly string[] ErrorFields = ["error.type", "error.message", "error.stack_trace"];

    [ThreadStatic]
    private static State? t_state;

    private readonly IDisposable? _reload;
    private readonly TimeProvider _time;
    private EcsJsonConsoleFormatterOptions _options;

    public EcsJsonConsoleFormatter(IOptionsMonitor<EcsJsonConsoleFormatterOptions> options, TimeProvider time)
        : base(FormatterName)
    {
        _options = options.CurrentValue;
        _reload = options.OnChange(updated => _options = updated);
        _time = time;
    }

    /// <inheritdoc />
    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null)
        {
            return;
        }

        var state = t_state ??= new State();
        state.Reset();
        var options = _options;
        var json = state.Json;

        json.WriteStartObject();
        WriteTimestamp(json, _time.GetUtcNow());
        json.WriteString("log.level", LevelName(logEntry.LogLevel));
        json.WriteString("message", message ?? logEntry.Exception!.Message);
        json.WriteString("ecs.version", EcsVersion);
        json.WriteString("service.name", options.ServiceName);
        if (!string.IsNullOrEmpty(options.ServiceVersion))
        {
            json.WriteString("service.version", options.ServiceVersion);
        }

        json.WriteString("event.dataset", options.EventDataset);
        json.WriteString("log.logger", logEntry.Category);
        foreach (var name in BaseFields)
        {
            state.Written.Add(name);
        }

        if (logEntry.EventId.Id != 0)
        {
            Span<char> code = stackalloc char[11];
            logEntry.EventId.Id.TryFormat(code, out var length, default, CultureInfo.InvariantCulture);
            json.WriteString("event.code", code[..length]);
            state.Written.Add("event.code");
        }

        if (!string.IsNullOrEmpty(logEntry.EventId.Name))
        {
            json.WriteString("event.action", logEntry.EventId.Name);
            state.Written.Add("event.action");
        }

        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity && activity.TraceId != default)
        {
            json.WriteString("trace.id", activity.TraceId.ToHexString());
            json.WriteString("span.id", activity.SpanId.ToHexString());
            state.Written.Add("trace.id");
            state.Written.Add("span.id");
        }

        if (logEntry.Exception is { } exception)
        {
            json.WriteString("error.type", exception.GetType().FullName);
            json.WriteString("error.message", exception.Message);
            json.WriteString("error.stack_trace", exception.ToString());
            foreach (var name in ErrorFields)
            {
                state.Written.Add(name);
            }
        }

        if (logEntry.State is IReadOnlyList<KeyValuePair<string, object?>> values)
        {
            WriteValues(json, state, values);
        }

        if (options.IncludeScopes && scopeProvider is not null)
        {
            scopeProvider.ForEachScope(static (scope, s) => WriteScope(s.Json, s, scope), state);
            if (state.TextScopes is { Length: > 0 } textScopes && state.Written.Add("labels.scope"))
            {
                json.WriteString("labels.scope", textScopes.ToString());
            }
        }

        json.WriteEndObject();
        json.Flush();
        state.WriteTo(textWriter);
    }

    /// <inheritdoc />
    public void Dispose() => _reload?.Dispose();

    private static void WriteScope(Utf8JsonWriter json, State state, object? scope)
    {
        switch (scope)
        {
            case null:
                return;
            case IEnumerable<KeyValuePair<string, object?>> values:
                foreach (var pair in values)
                {
                    WriteValue(json, state, pair.Key, pair.Value);
                }

                return;
            default:
                var text = Convert.ToString(scope, CultureInfo.InvariantCulture);
                if (string.IsNullOrEmpty(text))
                {
                    return;
                }

                state.TextScopes ??= new StringBuilder();
                if (state.TextScopes.Length > 0)
                {
                    state.TextScopes.Append(" => ");
                }

                state.TextScopes.Append(text);
                return;
        }
    }

    private static void WriteValues(Utf8JsonWriter json, State state, IReadOnlyList<KeyValuePair<string, object?>> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            var pair = values[i];
            WriteValue(json, state, pair.Key, pair.Value);
        }
    }

    private static void WriteValue(Utf8JsonWriter json, State state, string key, object? value)
    {
        if (string.IsNullOrEmpty(key) || key == OriginalFormatKey)
        {
            return;
        }

        var field = EcsFieldMap.Resolve(key);
        if (field.Kind == EcsFieldKind.Label && (value is null || (value is string { Length: 0 })))
        {
            // Empty state (ASP.NET Core logs blank content types and query strings) is noise.
            return;
        }

        // The first writer of a field wins: the entry's own values come before its scopes, and
        // the activity's ids before either.
        if (!state.Written.Add(field.Name))
        {
            return;
        }

        switch (field.Kind)
        {
            case EcsFieldKind.Redacted:
                json.WriteString(field.Name, EcsFieldMap.RedactedValue);
                break;
            case EcsFieldKind.Label:
                json.WriteString(field.Name, FormatScalar(value));
                break;
            case EcsFieldKind.MillisecondsAsNanoseconds when TryGetDouble(value, out var milliseconds):
                json.WriteNumber(field.Name, (long)Math.Round(milliseconds * 1_000_000));
                break;
            default:
                WriteTyped(json, field.Name, value);
                break;
        }
    }

    private static void WriteTyped(Utf8JsonWriter json, string name, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNull(name);
                break;
            case string s:
                json.WriteString(name, s);
                break;
            case bool b:
                json.WriteBoolean(name, b);
                break;
            case int or long or short or byte or uint or ushort or sbyte:
                json.WriteNumber(name, Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case double or float or decimal when TryGetDouble(value, out var number) && double.IsFinite(number):
                json.WriteNumber(name, number);
                break;
            default:
                json.WriteString(name, FormatScalar(value));
                break;
        }
    }

    private static bool TryGetDouble(object? value, out double number)
    {
        switch (value)
        {
            case int or long or short or byte or uint or ushort or sbyte or ulong or double or float or decimal:
                number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                return true;
            case TimeSpan span:
                number = span.TotalMilliseconds;
                return true;
            default:
                number = 0;
                return false;
        }
    }

    private static string FormatScalar(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static void WriteTimestamp(Utf8JsonWriter json, DateTimeOffset now)
    {
        Span<char> buffer = stackalloc char[32];
        now.UtcDateTime.TryFormat(buffer, out var written, "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        json.WriteString("@timestamp", buffer[..written]);
    }

    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "error",
        LogLevel.Critical => "critical",
        _ => "none",
    };

    // Per-thread buffers: the console logger formats on the logging thread, one entry at a time.
    private sealed class State
    {
        private char[] _chars = new char[1024];

        public State()
        {
            Json = new Utf8JsonWriter(Buffer, WriterOptions);
        }

        public ArrayBufferWriter<byte> Buffer { get; } = new(1024);

        public Utf8JsonWriter Json { get; }

        public HashSet<string> Written { get; } = new(StringComparer.Ordinal);

        public StringBuilder? TextScopes { get; set; }

        public void Reset()
        {
            Buffer.ResetWrittenCount();
            Json.Reset(Buffer);
            Written.Clear();
            TextScopes?.Clear();
        }

        public void WriteTo(TextWriter writer)
        {
            var bytes = Buffer.WrittenSpan;
            var needed = Encoding.UTF8.GetMaxCharCount(bytes.Length) + 1;
            if (_chars.Length < needed)
            {
                _chars = new char[Math.Max(needed, _chars.Length * 2)];
            }

            var count = Encoding.UTF8.GetChars(bytes, _chars);
            _chars[count++] = '\n';
            writer.Write(_chars, 0, count);

            // A rare huge entry should not pin a huge buffer to the thread for ever.
            if (_chars.Length > 64 * 1024)
            {
                _chars = new char[1024];
            }
        }
    }
}
