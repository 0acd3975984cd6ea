using System.Text;
using LlmSecOps.Guard.Evaluation;

namespace LlmSecOps.Guard.Tests.Evaluation;

public sealed class LabeledPromptReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("llmsecops-eval-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Read_Folder_ReadsJsonlFilesInNameOrderWithLinesAndDefaults()
    {
        File.WriteAllText(Path.Combine(_dir, "b.jsonl"), "{\"text\":\"hi\",\"label\":\"benign\"}\n");
        File.WriteAllText(Path.Combine(_dir, "a.jsonl"), "\uFEFF{\"text\":\"x\",\"label\":\"Injection\",\"source\":\"s1\",\"extra\":[1,2]}\n\n{\"text\":\"y\",\"label\":\"jailbreak\"}\r\n");
        File.WriteAllText(Path.Combine(_dir, "notes.txt"), "not read");

        var rows = LabeledPromptReader.Read(_dir);

        Assert.Equal(3, rows.Count);
        Assert.Equal(new LabeledPrompt("x", PromptLabel.Injection, "s1", "a.jsonl", 1), rows[0]);
        Assert.Equal(new LabeledPrompt("y", PromptLabel.Jailbreak, "a.jsonl", "a.jsonl", 3), rows[1]);
        Assert.Equal(("b.jsonl", PromptLabel.Benign), (rows[2].File, rows[2].Label));
    }

    [Theory]
    [InlineData("{\"text\":\"a\",\"label\":\"benign\"}\n{\"text\":\"b\",\"label\":\"spam\"}", 2, "label \"spam\" is not one of")]
    [InlineData("{\"text\":\"a\"}", 1, "missing \"label\"")]
    [InlineData("{\"label\":\"benign\"}", 1, "missing \"text\"")]
    [InlineData("{\"text\":5,\"label\":\"benign\"}", 1, "\"text\" must be a string")]
    [InlineData("[1,2]", 1, "expected a JSON object")]
    [InlineData("\n\n{\"text\":\"a\",", 3, "invalid JSON")]
    [InlineData("{\"text\":\"a\",\"label\":\"benign\"} {}", 1, "invalid JSON")]
    public void Read_BadRow_ReportsFileAndLine(string content, int line, string problem)
    {
        var path = Path.Combine(_dir, "bad.jsonl");
        File.WriteAllText(path, content);

        var ex = Assert.Throws<LabeledDataException>(() => LabeledPromptReader.Read(path));

        Assert.Equal(line, ex.Line);
        Assert.StartsWith($"{path}:{line}: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_InvalidUtf8_ReportsLine()
    {
        var path = Path.Combine(_dir, "bin.jsonl");
        File.WriteAllBytes(path, [.. "{\"text\":\"ok\",\"label\":\"benign\"}\n"u8, 0xC3, 0x28, (byte)'\n']);

        var ex = Assert.Throws<LabeledDataException>(() => LabeledPromptReader.Read(path));

        Assert.Equal(2, ex.Line);
        Assert.Contains("UTF-8", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingPathOrEmptyFolder_IsAClearError()
    {
        Assert.Contains("no such file", Assert.Throws<LabeledDataException>(() => LabeledPromptReader.Read(Path.Combine(_dir, "nope"))).Message, StringComparison.Ordinal);
        Assert.Contains("no .jsonl files", Assert.Throws<LabeledDataException>(() => LabeledPromptReader.Read(_dir)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LineOverTheLimit_IsRejected()
    {
        var line = "{\"text\":\"" + new string('a', LabeledPromptReader.MaxLineBytes) + "\",\"label\":\"benign\"}";

        var ex = Assert.Throws<LabeledDataException>(() => LabeledPromptReader.Parse(Encoding.UTF8.GetBytes(line), "big", "big", []));

        Assert.Contains("limit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RandomBytes_NeverThrowsAnythingButADataError()
    {
        var random = new Random(1234);
        for (var i = 0; i < 500; i++)
        {
            var bytes = new byte[random.Next(0, 400)];
            random.NextBytes(bytes);

            // Sprinkle in JSON punctuation so the parser gets past the first byte more often.
            for (var k = 0; k < bytes.Length; k += 7)
            {
                bytes[k] = (byte)"{}[]\":,\n"[random.Next(8)];
            }

            try
            {
                LabeledPromptReader.Parse(bytes, "random", "random", []);
            }
            catch (LabeledDataException)
            {
            }
        }
    }
}
