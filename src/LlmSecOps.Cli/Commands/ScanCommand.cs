using System.CommandLine;
using System.Text;
using System.Text.Json;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Core.Serialization;
using LlmSecOps.Guard;

namespace LlmSecOps.Cli.Commands;

/// <summary><c>llmsecops scan</c>: runs the guard engine on text, a file or stdin.</summary>
internal static class ScanCommand
{
    /// <summary>Largest input read from a file or stdin.</summary>
    public const long MaxInputBytes = 64L << 20;

    public static Command Create(CliIo io)
    {
        var text = new Option<string?>("--text", "-t") { Description = "Text to scan." };
        var file = new Option<string?>("--file", "-f") { Description = "File to scan: plain text, or JSONL with a \"text\" field per line." };
        var direction = new Option<string>("--direction", "-d")
        {
            Description = "input (a prompt) or output (a completion).",
            DefaultValueFactory = _ => "input",
        };
        direction.AcceptOnlyFromAmong("input", "output", "retrieved");
        var format = new Option<string>("--format")
        {
            Description = "table, json or jsonl.",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "json", "jsonl");
        var policy = CommonOptions.Policy();
        var systemPrompt = new Option<string?>("--system-prompt") { Description = "System prompt, to detect its leakage in an output." };
        var canary = new Option<string[]>("--canary") { Description = "Canary token(s) whose appearance in an output is a leak.", AllowMultipleArgumentsPerToken = false };
        var record = new Option<bool>("--record") { Description = "Also write each verdict as an event to the store in --data-dir (see 'llmsecops events')." };
        var dataDir = CommonOptions.DataDir();

        var command = new Command("scan", "Scan a prompt or completion with the guard engine. Exit 0 allow, 1 flag/redact/block, 2 bad input.")
        {
            text, file, direction, format, policy, systemPrompt, canary, record, dataDir,
        };

        command.SetAction(async (parse, ct) =>
        {
            var engine = io.CreateEngine(CommonOptions.LoadPolicy(io, parse.GetValue(policy)));
            var dir = parse.GetValue(direction) switch
            {
                "output" => Direction.Output,
                "retrieved" => Direction.RetrievedDocument,
                _ => Direction.Input,
            };
            var inputs = await ReadInputsAsync(io, parse.GetValue(text), parse.GetValue(file), ct).ConfigureAwait(false);
            var fmt = parse.GetValue(format)!;
            var worst = Verdict.Allow;
            var results = new List<ScanOutput>(inputs.Count);
            await using var store = parse.GetValue(record) ? CommonOptions.OpenEventStore(io, parse.GetValue(dataDir)) : null;
            foreach (var input in inputs)
            {
                var started = io.Time.GetUtcNow();
                var result = await engine.ScanAsync(
                    new ScanRequest
                    {
                        Direction = dir,
                        Text = input.Text,
                        SystemPrompt = parse.GetValue(systemPrompt),
                        Canaries = parse.GetValue(canary) ?? [],
                        Principal = Principal.Local,
                    },
                    ct).ConfigureAwait(false);
                if (result.Verdict > worst)
                {
                    worst = result.Verdict;
                }

                store?.Write(ScanRecording.ToEvent(input, parse.GetValue(file), dir, result, engine.Policy, started));

                var output = ScanOutput.From(input, dir, result);
                if (fmt == "jsonl")
                {
                    await io.Out.WriteLineAsync(JsonSerializer.Serialize(output, JsonDefaults.Options)).ConfigureAwait(false);
                }
                else
                {
                    results.Add(output);
                }
            }

            if (fmt == "json")
            {
                object doc = results.Count == 1
                    ? results[0]
                    : new ScanBatchOutput(worst, results.Count, results);
                await io.Out.WriteLineAsync(JsonSerializer.Serialize(doc, JsonDefaults.Indented)).ConfigureAwait(false);
            }
            else if (fmt == "table")
            {
                ScanTable.Write(io, results);
            }

            if (store is not null)
            {
                // Disposing drains the queue: every verdict is committed (or spooled) before exit.
                await store.DisposeAsync().ConfigureAwait(false);
            }

            return worst == Verdict.Allow ? ExitCodes.Ok : ExitCodes.Findings;
        });
        return command;
    }

    internal static async Task<IReadOnlyList<ScanInput>> ReadInputsAsync(CliIo io, string? text, string? file, CancellationToken ct)
    {
        if (text is not null && file is not null)
        {
            throw new UsageException("give either --text or --file, not both");
        }

        if (text is not null)
        {
            return [new ScanInput(text, null)];
        }

        string content;
        string? name = null;
        if (file is not null)
        {
            var path = io.ResolvePath(file);
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new UsageException($"{file}: file not found");
            }

            if (info.Length > MaxInputBytes)
            {
                throw new UsageException($"{file}: {info.Length} bytes is over the {MaxInputBytes} byte limit");
            }

            content = DecodeLenient(await File.ReadAllBytesAsync(path, ct).ConfigureAwait(false));
            name = file;
        }
        else if (io.InputRedirected)
        {
            var buffer = new char[81920];
            var sb = new StringBuilder();
            int n;
            while ((n = await io.In.ReadAsync(buffer.AsMemory(), ct).ConfigureAwait(false)) > 0)
            {
                sb.Append(buffer, 0, n);
                if (sb.Length > MaxInputBytes)
                {
                    throw new UsageException($"stdin: over the {MaxInputBytes} character limit");
                }
            }

            content = sb.ToString();
        }
        else
        {
            throw new UsageException("nothing to scan: give --text, --file or pipe text on stdin");
        }

        var isJsonl = name is not null && (name.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase));
        return isJsonl ? ParseJsonl(content, name!) : [new ScanInput(content, null)];
    }

    private static string DecodeLenient(byte[] bytes)
    {
        // Invalid UTF-8 becomes U+FFFD rather than an error: binary input is still scanned.
        var span = bytes.AsSpan();
        if (span.StartsWith("\uFEFF"u8))
        {
            span = span[3..];
        }

        return Encoding.UTF8.GetString(span);
    }

    private static List<ScanInput> ParseJsonl(string content, string name)
    {
        var list = new List<ScanInput>();
        var lineNo = 0;
        foreach (var raw in content.Split('\n'))
        {
            lineNo++;
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                continue;
            }

            try
            {
                using var doc = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 64 });
                if (doc.RootElement.ValueKind != JsonValueKind.Object ||
                    !doc.RootElement.TryGetProperty("text", out var t) || t.ValueKind != JsonValueKind.String)
                {
                    throw new UsageException($"{name}:{lineNo}: expected an object with a string \"text\" field");
                }

                list.Add(new ScanInput(t.GetString()!, lineNo));
            }
            catch (JsonException ex)
            {
                throw new UsageException($"{name}:{lineNo}: invalid JSON: {ex.Message}");
            }
        }

        return list;
    }
}

/// <summary>One text to scan and the line it came from.</summary>
internal sealed record ScanInput(string Text, int? Line);

/// <summary>The JSON shape of one scan result.</summary>
internal sealed record ScanOutput(
    Verdict Verdict,
    string Direction,
    int? Line,
    IReadOnlyList<Finding> Findings,
    string? RedactedText,
    double ElapsedUs)
{
    public static ScanOutput From(ScanInput input, Direction direction, GuardResult result) => new(
        result.Verdict,
        GuardEngine.DirectionName(direction),
        input.Line,
        result.Findings,
        result.Redacted ? result.Text : null,
        Math.Round(result.ElapsedMicroseconds, 1));
}

/// <summary>The JSON shape of a multi-text scan.</summary>
internal sealed record ScanBatchOutput(Verdict Verdict, int Count, IReadOnlyList<ScanOutput> Results);
