using System.CommandLine;
using System.Text;
using System.Text.Json;
using LlmSecOps.Core.Events;
using LlmSecOps.Core.Serialization;
using LlmSecOps.Storage.Events;

namespace LlmSecOps.Cli.Commands;

/// <summary>
/// <c>llmsecops events list|export</c>: reads the event store in <c>--data-dir</c>. When nothing
/// has been recorded there yet (no store), both print no events, say so on stderr and exit 0:
/// an empty history is not an error. Bad filter values exit 2.
/// </summary>
internal static class EventsCommand
{
    /// <summary>Rows <c>events list</c> shows when no <c>--limit</c> is given.</summary>
    public const int DefaultListLimit = 50;

    public static Command Create(CliIo io)
    {
        var command = new Command("events", "List, filter and export recorded events (from serve, scan --record, probe). Exit 0, or 2 for a bad filter.");
        command.Subcommands.Add(CreateList(io));
        command.Subcommands.Add(CreateExport(io));
        return command;
    }

    private static Command CreateList(CliIo io)
    {
        var filters = new EventFilterOptions();
        var format = new Option<string>("--format")
        {
            Description = "table, json (an array) or jsonl (one event per line).",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "json", "jsonl");
        var command = new Command("list", $"Show matching events, newest first (at most {DefaultListLimit} unless --limit is given).");
        filters.AddTo(command);
        command.Options.Add(format);
        command.SetAction(async (parse, ct) =>
        {
            var query = filters.ToQuery(parse, io.Time.GetUtcNow(), DefaultListLimit);
            var fmt = parse.GetValue(format)!;
            var options = CommonOptions.StoreOptions(io, parse.GetValue(filters.DataDir));
            if (!EventStore.Exists(options))
            {
                await NoStoreAsync(io, options).ConfigureAwait(false);
                if (fmt == "json")
                {
                    await io.Out.WriteLineAsync("[]").ConfigureAwait(false);
                }
                else if (fmt == "table")
                {
                    await io.Out.WriteLineAsync("no events").ConfigureAwait(false);
                }

                return ExitCodes.Ok;
            }

            await using var store = await OpenForReadingAsync(options, ct).ConfigureAwait(false);
            switch (fmt)
            {
                case "jsonl":
                    await foreach (var json in store.ExportJsonAsync(query, ct).ConfigureAwait(false))
                    {
                        await io.Out.WriteLineAsync(json).ConfigureAwait(false);
                    }

                    break;
                case "json":
                    var list = await store.QueryAsync(query, ct).ConfigureAwait(false);
                    await io.Out.WriteLineAsync(JsonSerializer.Serialize(list, JsonDefaults.Indented)).ConfigureAwait(false);
                    break;
                default:
                    var events = await store.QueryAsync(query, ct).ConfigureAwait(false);
                    var total = await store.CountAsync(query, ct).ConfigureAwait(false);
                    EventsTable.Write(io, events, total);
                    break;
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateExport(CliIo io)
    {
        var filters = new EventFilterOptions();
        var output = new Option<string?>("--output", "-o") { Description = "File to write (default: stdout)." };
        var command = new Command("export", "Write matching events as JSON lines, newest first (all of them unless --limit is given).");
        filters.AddTo(command);
        command.Options.Add(output);
        command.SetAction(async (parse, ct) =>
        {
            var query = filters.ToQuery(parse, io.Time.GetUtcNow(), defaultLimit: 0);
            var options = CommonOptions.StoreOptions(io, parse.GetValue(filters.DataDir));
            var target = parse.GetValue(output) is { } o ? io.ResolvePath(o) : null;
            if (target is not null && Path.GetDirectoryName(target) is { } dir && !Directory.Exists(dir))
            {
                throw new UsageException($"--output {parse.GetValue(output)}: directory {dir} does not exist");
            }

            if (!EventStore.Exists(options))
            {
                await NoStoreAsync(io, options).ConfigureAwait(false);
                if (target is not null)
                {
                    await File.WriteAllBytesAsync(target, [], ct).ConfigureAwait(false);
                }

                return ExitCodes.Ok;
            }

            await using var store = await OpenForReadingAsync(options, ct).ConfigureAwait(false);
            var count = 0L;
            if (target is null)
            {
                await foreach (var json in store.ExportJsonAsync(query, ct).ConfigureAwait(false))
                {
                    await io.Out.WriteLineAsync(json).ConfigureAwait(false);
                    count++;
                }
            }
            else
            {
                await using var file = new StreamWriter(target, append: false, new UTF8Encoding(false));
                await foreach (var json in store.ExportJsonAsync(query, ct).ConfigureAwait(false))
                {
                    await file.WriteLineAsync(json).ConfigureAwait(false);
                    count++;
                }

                await io.Error.WriteLineAsync($"exported {count} events to {parse.GetValue(output)}").ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<SqliteEventStore> OpenForReadingAsync(EventStoreOptions options, CancellationToken ct)
    {
        var store = CommonOptions.OpenEventStore(options);

        // The writer replays any spooled events first; waiting for it makes them visible here.
        await store.FlushAsync(ct).ConfigureAwait(false);
        return store;
    }

    private static Task NoStoreAsync(CliIo io, EventStoreOptions options) =>
        io.Error.WriteLineAsync($"no event store at {options.DatabasePath} (nothing recorded yet)");
}
