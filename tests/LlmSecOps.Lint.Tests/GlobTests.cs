using LlmSecOps.Lint.Config;

namespace LlmSecOps.Lint.Tests;

public sealed class GlobTests
{
    [Theory]
    [InlineData("*.prompt.md", "a/b/x.prompt.md", true)]
    [InlineData("*.prompt.md", "x.prompt.txt", false)]
    [InlineData("prompts/**", "prompts/a/b.txt", true)]
    [InlineData("prompts/", "prompts/a/b.txt", true)]
    [InlineData("prompts/", "other/prompts.txt", false)]
    [InlineData("src/*.py", "src/a.py", true)]
    [InlineData("src/*.py", "src/sub/a.py", false)]
    [InlineData("**/test_*.py", "test_a.py", true)]
    [InlineData("**/test_*.py", "x/y/test_a.py", true)]
    [InlineData("docs/{drafts,old}/**", "docs/old/a.md", true)]
    [InlineData("docs/{drafts,old}/**", "docs/new/a.md", false)]
    [InlineData("file?.json", "file1.json", true)]
    [InlineData("[!a]*.yaml", "b.yaml", true)]
    [InlineData("[!a]*.yaml", "a.yaml", false)]
    [InlineData("./legacy/", "legacy/x.py", true)]
    public void Matches(string pattern, string path, bool expected)
    {
        Assert.Equal(expected, new Glob(pattern).IsMatch(path));
    }

    [Fact]
    public void InvalidPattern_IsAnArgumentExceptionNamingIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Glob("[z-a]"));

        Assert.StartsWith("invalid glob '[z-a]'", ex.Message, StringComparison.Ordinal);
    }
}
