using System.Text.Json.Nodes;

namespace LlmSecOps.Server.Tests.Cli;

/// <summary><c>llmsecops demo</c> as a newcomer runs it, with its output redirected to a file.</summary>
public sealed class DemoProcessTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private readonly string _dir = Directory.CreateTempSubdirectory("llmsecops-demo-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is not a test failure.
        }
    }

    [Fact]
    public async Task Demo_Redirected_FitsEightyColumns_ShowsOutputGuards_AndStoresEveryEvent()
    {
        // Relative, as a newcomer types it: the output shows it relative too.
        var data = Path.Combine(_dir, "demo-data");
        var (code, stdout, stderr) = await CliProcess.RunAsync(_dir, Timeout, "demo", "--data-dir", "demo-data");

        Assert.True(code == 0, $"exit {code}\n{stdout}\n{stderr}");
        var lines = stdout.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.All(lines, l => Assert.True(l.Length <= 80, $"longer than 80 columns: '{l}'"));
        Assert.DoesNotContain('\u001b', stdout);

        // The leak cases ask innocent questions: the output guards catch the answer.
        var leak = Row(lines, "system prompt leak ");
        Assert.Contains("block", leak, StringComparison.Ordinal);
        Assert.Contains("400 withheld", leak, StringComparison.Ordinal);
        Assert.Contains("system_prompt_leak", leak, StringComparison.Ordinal);
        Assert.DoesNotContain("prompt_injection", leak, StringComparison.Ordinal);
        var streamedLeak = Row(lines, "system prompt leak, streamed");
        Assert.Contains("system_prompt_leak", streamedLeak, StringComparison.Ordinal);
        Assert.DoesNotContain("prompt_injection", streamedLeak, StringComparison.Ordinal);
        Assert.Contains("prompt_injection", Row(lines, "prompt injection "), StringComparison.Ordinal);
        Assert.Contains("200 passed", Row(lines, "ordinary question "), StringComparison.Ordinal);

        // The pasteable command is still one shell command.
        var curl = lines.FindIndex(l => l.TrimStart().StartsWith("curl ", StringComparison.Ordinal));
        Assert.True(curl >= 0, stdout);
        Assert.EndsWith("\\", lines[curl], StringComparison.Ordinal);
        Assert.Contains("  events    llmsecops events list --data-dir demo-data", lines);

        var events = await CliProcess.RunAsync(_dir, Timeout, "events", "list", "--data-dir", data, "--format", "json", "--limit", "100");
        Assert.True(events.ExitCode == 0, events.Stderr);
        var stored = JsonNode.Parse(events.Stdout)!.AsArray();
        var played = lines.Count(l => l.Length > 6 && l.StartsWith("  ", StringComparison.Ordinal) && char.IsDigit(l[3]) && l[4] == ' ');
        Assert.True(played >= 15, stdout);
        Assert.Equal(played, stored.Count);
        Assert.Contains(stored, e => e!["findings"]!.AsArray().Any(f => f!["category"]!.GetValue<string>() == "canary_leak"));
    }

    /// <summary>The result line (and its wrapped continuation) of one named request.</summary>
    private static string Row(List<string> lines, string namePrefix)
    {
        var i = lines.FindIndex(l => l.Length > 6 && l[6..].StartsWith(namePrefix, StringComparison.Ordinal));
        Assert.True(i >= 0, $"no line for '{namePrefix}':\n{string.Join('\n', lines)}");
        var row = lines[i];
        while (i + 1 < lines.Count && lines[i + 1].StartsWith(new string(' ', 20), StringComparison.Ordinal))
        {
            row += " " + lines[++i].Trim();
        }

        return row;
    }
}
