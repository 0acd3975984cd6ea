using System.Text.Json;
using LlmSecOps.Core.Events;
using LlmSecOps.Core.Serialization;

namespace LlmSecOps.Cli.Tests;

/// <summary><c>scan --record</c> followed by <c>events list</c> and <c>events export</c>, run in process.</summary>
public sealed class EventsCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public EventsCommandTests() => _cli.Engine = KeywordScanner.Engine;

    public void Dispose() => _cli.Dispose();

    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Records four scans an hour apart: allow (T0), flag (T0+1h), redact (T0+2h), block (T0+3h).</summary>
    private async Task RecordFourAsync(params string[] extra)
    {
        string[] texts = ["plain text", "odd " + KeywordScanner.Flag, "key " + KeywordScanner.Redact + " here", KeywordScanner.Block + " now"];
        for (var i = 0; i < texts.Length; i++)
        {
            _cli.Clock.Now = T0.AddHours(i);
            var r = await _cli.RunAsync(["scan", "--text", texts[i], "--record", "--format", "jsonl", .. extra]);
            Assert.True(r.ExitCode == (i == 0 ? 0 : 1), r.ToString());
        }

        _cli.Clock.Now = T0.AddHours(3).AddMinutes(30);
    }

    private async Task<List<LlmEvent>> ListJsonAsync(params string[] args)
    {
        var r = await _cli.RunAsync(["events", "list", "--format", "json", .. args]);
        Assert.True(r.ExitCode == 0, r.ToString());
        return JsonSerializer.Deserialize<List<LlmEvent>>(r.Out, JsonDefaults.Options)!;
    }

    private static string[] Verdicts(IEnumerable<LlmEvent> events) => events.Select(e => e.Verdict.ToString().ToLowerInvariant()).ToArray();

    [Fact]
    public async Task ScanRecord_ThenList_ShowsEveryVerdictNewestFirst()
    {
        await RecordFourAsync();

        var events = await ListJsonAsync();

        Assert.Equal(["block", "redact", "flag", "allow"], Verdicts(events));
        Assert.All(events, e =>
        {
            Assert.Equal("scan", e.Source);
            Assert.Equal(Environment.UserName, e.Principal!.UserId);
            Assert.Equal("full", e.Retention);
            Assert.Equal("input", e.Attributes!["direction"]);
            Assert.NotNull(e.Latency.GuardMs);
        });
        Assert.Equal(T0.AddHours(3), events[0].Timestamp);
        Assert.Equal("prompt_injection", Assert.Single(events[0].Findings).Category);

        // What was redacted is stored redacted: the secret never reaches the store.
        Assert.Equal("key [SECRET_1] here", events[1].Request);
        Assert.DoesNotContain(KeywordScanner.Redact, File.ReadAllText(Path.Combine(_cli.Directory, ".llmsecops", "llmsecops.db")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--verdict", "block" }, new[] { "block" })]
    [InlineData(new[] { "--verdict", "ALLOW" }, new[] { "allow" })]
    [InlineData(new[] { "--category", "secret" }, new[] { "redact" })]
    [InlineData(new[] { "--category", "secrets" }, new[] { "redact" })]
    [InlineData(new[] { "--category", "prompt_injection" }, new[] { "block" })]
    [InlineData(new[] { "--category", "pii" }, new string[0])]
    [InlineData(new[] { "--source", "scan" }, new[] { "block", "redact", "flag", "allow" })]
    [InlineData(new[] { "--source", "serve" }, new string[0])]
    [InlineData(new[] { "--principal", "nobody" }, new string[0])]
    [InlineData(new[] { "--since", "2026-03-01T13:00:00Z" }, new[] { "block", "redact", "flag" })]
    [InlineData(new[] { "--until", "2026-03-01T14:00:00Z" }, new[] { "flag", "allow" })]
    [InlineData(new[] { "--since", "2026-03-01T13:00:00Z", "--until", "2026-03-01T15:00:00Z" }, new[] { "redact", "flag" })]
    [InlineData(new[] { "--since", "2h" }, new[] { "block", "redact" })]
    [InlineData(new[] { "--since", "91m" }, new[] { "block", "redact" })]
    [InlineData(new[] { "--since", "89m" }, new[] { "block" })]
    [InlineData(new[] { "--until", "1d" }, new string[0])]
    [InlineData(new[] { "--since", "2026-03-01" }, new[] { "block", "redact", "flag", "allow" })]
    [InlineData(new[] { "--limit", "2" }, new[] { "block", "redact" })]
    [InlineData(new[] { "--category", "secret", "--verdict", "block" }, new string[0])]
    public async Task List_EachFilter_SelectsTheMatchingEvents(string[] filter, string[] expected)
    {
        await RecordFourAsync();

        Assert.Equal(expected, Verdicts(await ListJsonAsync(filter)));
    }

    [Fact]
    public async Task List_PrincipalFilter_MatchesTheLocalUser()
    {
        await RecordFourAsync();

        Assert.Equal(4, (await ListJsonAsync("--principal", Environment.UserName)).Count);
    }

    [Fact]
    public async Task List_Table_ShowsRowsAndTotal()
    {
        await RecordFourAsync();

        var r = await _cli.RunAsync("events", "list", "--limit", "3");

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("2026-03-01 15:00:00", r.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("2026-03-01 12:00:00", r.Out, StringComparison.Ordinal);
        Assert.Contains("3 of 4 matching events", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_Jsonl_OneStoredEventPerLine()
    {
        await RecordFourAsync();

        var r = await _cli.RunAsync("events", "list", "--format", "jsonl", "--verdict", "flag");

        var line = Assert.Single(r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("flag", JsonDocument.Parse(line).RootElement.GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task Export_ToStdout_WritesEveryMatchAsJsonl()
    {
        await RecordFourAsync();

        var all = await _cli.RunAsync("events", "export");
        var recent = await _cli.RunAsync("events", "export", "--since", "2h", "--category", "secret");

        Assert.Equal(0, all.ExitCode);
        var events = all.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonSerializer.Deserialize<LlmEvent>(l, JsonDefaults.Options)!).ToList();
        Assert.Equal(["block", "redact", "flag", "allow"], Verdicts(events));
        Assert.Equal(4, events.Select(e => e.Id).Distinct().Count());
        Assert.Equal(["redact"], Verdicts(recent.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonSerializer.Deserialize<LlmEvent>(l, JsonDefaults.Options)!)));
    }

    [Fact]
    public async Task Export_ToFile_WritesTheFileAndReportsTheCount()
    {
        await RecordFourAsync();

        var r = await _cli.RunAsync("events", "export", "--verdict", "block", "--output", "out.jsonl");

        Assert.Equal(0, r.ExitCode);
        Assert.Empty(r.Out);
        Assert.Contains("exported 1 events", r.Error, StringComparison.Ordinal);
        var line = Assert.Single(await File.ReadAllLinesAsync(Path.Combine(_cli.Directory, "out.jsonl")));
        Assert.Equal("block", JsonDocument.Parse(line).RootElement.GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task DataDir_Option_IsUsedByScanAndEvents()
    {
        await RecordFourAsync("--data-dir", "elsewhere");

        Assert.True(File.Exists(Path.Combine(_cli.Directory, "elsewhere", "llmsecops.db")));
        Assert.Equal(4, (await ListJsonAsync("--data-dir", "elsewhere")).Count);
        Assert.Empty(await ListJsonAsync());
    }

    [Fact]
    public async Task NoStore_ListAndExport_SayNoEvents_Exit0_AndCreateNothing()
    {
        var table = await _cli.RunAsync("events", "list");
        var json = await _cli.RunAsync("events", "list", "--format", "json");
        var export = await _cli.RunAsync("events", "export", "--output", "empty.jsonl");

        Assert.Equal((0, 0, 0), (table.ExitCode, json.ExitCode, export.ExitCode));
        Assert.Equal("no events", table.Out.Trim());
        Assert.Contains("no event store", table.Error, StringComparison.Ordinal);
        Assert.Equal("[]", json.Out.Trim());
        Assert.Equal(0, new FileInfo(Path.Combine(_cli.Directory, "empty.jsonl")).Length);
        Assert.False(Directory.Exists(Path.Combine(_cli.Directory, ".llmsecops")));
    }

    [Theory]
    [InlineData("--since", "yesterday", "--since 'yesterday'")]
    [InlineData("--since", "5x", "--since '5x'")]
    [InlineData("--until", "2026-13-45", "--until '2026-13-45'")]
    [InlineData("--verdict", "maybe", "--verdict 'maybe'")]
    [InlineData("--category", "nonsense", "--category 'nonsense'")]
    [InlineData("--limit", "0", "--limit 0")]
    [InlineData("--limit", "lots", "--limit")]
    [InlineData("--principal", " ", "--principal")]
    [InlineData("--since", "999999999999w", "--since")]
    public async Task BadFilter_Exit2_WithAClearMessage(string option, string value, string expected)
    {
        await RecordFourAsync();

        var list = await _cli.RunAsync("events", "list", option, value);
        var export = await _cli.RunAsync("events", "export", option, value);

        Assert.True(list.ExitCode == 2, list.ToString());
        Assert.Equal(2, export.ExitCode);
        Assert.Contains(expected, list.Error, StringComparison.Ordinal);
        Assert.Empty(export.Out);
    }

    [Fact]
    public async Task SinceAfterUntil_Exit2()
    {
        var r = await _cli.RunAsync("events", "list", "--since", "1h", "--until", "2h");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("must be before --until", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EventsWithoutSubcommand_Exit2()
    {
        var r = await _cli.RunAsync("events");

        Assert.Equal(2, r.ExitCode);
    }

    [Theory]
    [InlineData("hash")]
    [InlineData("drop")]
    public async Task ScanRecord_KeepsBodiesPerPolicy(string bodies)
    {
        _cli.WriteFile("policy.yaml", $"bodies: {bodies}\n");

        var r = await _cli.RunAsync("scan", "--text", "keep me private", "--policy", "policy.yaml", "--record");

        Assert.Equal(0, r.ExitCode);
        var evt = Assert.Single(await ListJsonAsync());
        Assert.Equal(bodies, evt.Retention);
        var expected = bodies == "hash"
            ? Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("keep me private"u8))
            : null;
        Assert.Equal(expected, evt.Request);
    }

    [Fact]
    public async Task ScanRecord_OutputDirection_StoresTheTextAsResponse()
    {
        var r = await _cli.RunAsync("scan", "--text", "the answer", "--direction", "output", "--record");

        Assert.Equal(0, r.ExitCode);
        var evt = Assert.Single(await ListJsonAsync());
        Assert.Null(evt.Request);
        Assert.Equal("the answer", evt.Response);
        Assert.Equal("output", evt.Attributes!["direction"]);
    }

    [Fact]
    public async Task ScanRecord_JsonlFile_RecordsOneEventPerLineWithFileAndLine()
    {
        _cli.WriteFile("in.jsonl", "{\"text\":\"a\"}\n\n{\"text\":\"" + KeywordScanner.Block + "\"}\n");

        var r = await _cli.RunAsync("scan", "--file", "in.jsonl", "--record", "--format", "jsonl");

        Assert.Equal(1, r.ExitCode);
        var events = await ListJsonAsync();
        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Equal("in.jsonl", e.Attributes!["file"]));
        Assert.Equal(["1", "3"], events.Select(e => e.Attributes!["line"]).Order());
    }

    [Fact]
    public async Task ScanRecord_UnusableDataDir_Exit2()
    {
        _cli.WriteFile("taken", "a file where the data directory should be");

        var r = await _cli.RunAsync("scan", "--text", "x", "--record", "--data-dir", "taken");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("cannot open the event store", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScanWithoutRecord_WritesNoStore()
    {
        var r = await _cli.RunAsync("scan", "--text", "x");

        Assert.Equal(0, r.ExitCode);
        Assert.False(Directory.Exists(Path.Combine(_cli.Directory, ".llmsecops")));
    }
}
