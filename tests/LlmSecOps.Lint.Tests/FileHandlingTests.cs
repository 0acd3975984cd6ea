using LlmSecOps.Lint.Config;
using LlmSecOps.Lint.Diagnostics;
using LlmSecOps.Lint.Tests.Support;

namespace LlmSecOps.Lint.Tests;

public sealed class FileHandlingTests
{
    [Fact]
    public async Task BinaryFile_IsSkippedWithANote()
    {
        using var dir = new TempDir();
        dir.WriteBytes("prompts/image.prompt.txt", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x0D, 0x0A]);

        var result = await LintRunner.RunAsync(dir.Path);

        var notice = Assert.Single(result.Notices);
        Assert.Equal("binary", notice.Kind);
        Assert.Equal("prompts/image.prompt.txt", notice.Path);
        Assert.Empty(result.Findings);
    }

    [Fact]
    public async Task InvalidUtf8_IsSkippedWithANote()
    {
        using var dir = new TempDir();
        dir.WriteBytes("prompts/latin1.prompt.txt", [0x43, 0x61, 0x66, 0xE9, 0x20, 0x7B, 0x78, 0x7D]);

        var result = await LintRunner.RunAsync(dir.Path);

        Assert.Equal("binary", Assert.Single(result.Notices).Kind);
        Assert.Contains("UTF-8", result.Notices[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Utf16File_IsRead()
    {
        using var dir = new TempDir();
        var bytes = new byte[] { 0xFF, 0xFE }.Concat(System.Text.Encoding.Unicode.GetBytes("Summarize the following customer review in two sentences for the product team please.\n{{ review }}\n")).ToArray();
        dir.WriteBytes("prompts/wide.prompt.txt", bytes);

        var result = await LintRunner.RunAsync(dir.Path);

        Assert.Empty(result.Notices);
        Assert.Contains(result.Findings, static f => f.RuleId == RuleIds.UntrustedUndelimited && f.Line == 2);
    }

    [Fact]
    public async Task HugeFile_IsSkippedWithANote_AndTheLimitIsConfigurable()
    {
        using var dir = new TempDir();
        dir.Write("prompts/huge.prompt.txt", new string('a', (int)LintConfig.DefaultMaxFileBytes + 10));
        dir.Write("prompts/small.prompt.txt", "Summarize the following customer review in two sentences for the product team please.\n{{ review }}\n");

        var result = await LintRunner.RunAsync(dir.Path);
        var notice = Assert.Single(result.Notices);
        Assert.Equal("too_large", notice.Kind);
        Assert.Equal(1, result.FilesScanned);

        var tight = await LintRunner.RunAsync(dir.Path, configure: o => o with { Config = o.Config with { MaxFileBytes = 50 } });
        Assert.Equal(2, tight.Notices.Count);
        Assert.Equal(0, tight.FilesScanned);
    }

    [Fact]
    public async Task SymlinkLoop_IsNotFollowedByDefault_AndEndsWhenFollowed()
    {
        using var dir = new TempDir();
        dir.Write("prompts/a.prompt.md", "Summarize the following customer review in two sentences for the product team please.\n{{ review }}\n");
        Directory.CreateSymbolicLink(Path.Combine(dir.Path, "prompts", "loop"), Path.Combine(dir.Path, "prompts"));
        Directory.CreateSymbolicLink(Path.Combine(dir.Path, "up"), dir.Path);

        var result = await LintRunner.RunAsync(dir.Path);
        Assert.Equal(1, result.FilesScanned);
        Assert.Equal(2, result.Notices.Count(static n => n.Kind == "symlink"));

        var followed = await LintRunner.RunAsync(dir.Path, configure: o => o with { Config = o.Config with { FollowSymlinks = true } });
        Assert.Equal(1, followed.FilesScanned);
        Assert.Single(followed.Findings, static f => f.RuleId == RuleIds.UntrustedUndelimited);
        Assert.Contains(followed.Notices, static n => n.Kind == "symlink" && n.Message.Contains("already visited", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BrokenSymlink_IsANote()
    {
        using var dir = new TempDir();
        File.CreateSymbolicLink(Path.Combine(dir.Path, "gone.prompt.md"), Path.Combine(dir.Path, "nowhere.md"));

        var result = await LintRunner.RunAsync(dir.Path);

        var notice = Assert.Single(result.Notices);
        Assert.Equal("symlink", notice.Kind);
        Assert.Contains("broken", notice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreadableDirectory_IsANoteNotAFailure()
    {
        if (Environment.UserName == "root" || OperatingSystem.IsWindows())
        {
            // Root reads everything; the loader is still covered by the other notices.
            return;
        }

        using var dir = new TempDir();
        var locked = Path.Combine(dir.Path, "locked");
        Directory.CreateDirectory(locked);
        File.SetUnixFileMode(locked, UnixFileMode.None);
        try
        {
            var result = await LintRunner.RunAsync(dir.Path);
            Assert.Contains(result.Notices, static n => n.Kind == "unreadable");
        }
        finally
        {
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Fact]
    public async Task ParseErrors_AreFindingsWithLocations_NotCrashes()
    {
        using var dir = new TempDir();
        dir.Write("configs/prompt.yaml", "name: x\ntemplate: \"unterminated\ninput_variables: [a]\n");
        dir.Write("configs/tools.json", "{\n  \"tools\": [\n    {\"name\": \"a\" \"parameters\": {}}\n  ]\n}\n");
        dir.Write("prompts/t.jinja", "Hello {{ name }\n{% if x %}\n");
        dir.Write("prompts/p.prompty", "---\nname: [unclosed\n---\nuser:\n{{question}}\n");

        var result = await LintRunner.RunAsync(dir.Path);
        var parseErrors = result.Findings.Where(static f => f.RuleId == RuleIds.ParseError).ToList();

        Assert.Contains(parseErrors, static f => f.Path == "configs/prompt.yaml" && f.Line >= 2);
        Assert.Contains(parseErrors, static f => f.Path == "configs/tools.json" && f.Line == 3 && f.Column == 18);
        Assert.Contains(parseErrors, static f => f.Path == "prompts/t.jinja" && f.Line == 1 && f.Column == 7);
        Assert.Contains(parseErrors, static f => f.Path == "prompts/p.prompty" && f.Line is 2 or 3);
        Assert.Empty(result.Notices);
    }

    [Fact]
    public async Task UnrelatedYaml_WithSafetyLookingKeys_IsQuiet()
    {
        using var dir = new TempDir();
        dir.Write(".github/workflows/ci.yml", "name: ci\non: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n");
        dir.Write("deploy/values.yaml", "sandbox: false\nmoderation: false\nreplicas: 2\n");
        dir.Write("deploy/broken.yaml", "replicas: [1, 2\n");

        var result = await LintRunner.RunAsync(dir.Path);

        Assert.Empty(result.Findings);
    }
}
