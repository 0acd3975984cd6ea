using System.Text;
using LlmSecOps.Lint.Checks;
using LlmSecOps.Lint.Code;
using LlmSecOps.Lint.Config;
using LlmSecOps.Lint.Data;
using LlmSecOps.Lint.Discovery;
using LlmSecOps.Lint.Documents;
using LlmSecOps.Lint.Replay;
using LlmSecOps.Lint.Schema;
using LlmSecOps.Lint.Templates;
using LlmSecOps.Lint.Templates.Jinja;

namespace LlmSecOps.Lint.Tests;

/// <summary>
/// Seeded random input for every parser: random bytes, random text, and "token soup" built from
/// each format's own delimiters, which reaches far deeper into a parser than uniform noise. The
/// property is the same everywhere: a value or a documented error, never an unexpected exception
/// and never a hang.
/// </summary>
public sealed class PropertyTests
{
    private const int Iterations = 300;

    private static readonly string[] JsonTokens = ["{", "}", "[", "]", ",", ":", "\"", "\\", "\\u00", "true", "false", "null", "-1.5e3", " ", "\n", "//", "/*", "*/", "\"a\"", "0"];
    private static readonly string[] YamlTokens = ["- ", ": ", "\n", "  ", "&a ", "*a", "!!str ", "|", ">", "'", "\"", "#", "---\n", "...", "{", "}", "[", "]", ",", "?", "key", "value", "\t", "%YAML 1.2\n", "<<: *a"];
    private static readonly string[] JinjaTokens = ["{{", "}}", "{%", "%}", "{#", "#}", "-", "+", "if", "endif", "for", "in", "endfor", "set", "=", "x", ".", "__class__", "|", "safe", "(", ")", "[", "]", "'", "\"", "raw", "endraw", "macro", "endmacro", " ", "\n", "~", "not", "and", "loop", "namespace(", "elif", "else", "1", "range(3)"];
    private static readonly string[] MustacheTokens = ["{{", "}}", "{{{", "}}}", "#", "^", "/", "!", ">", "&", "each", "if", "this", ".", "name", " ", "\n", "$", "\"q\"", "="];
    private static readonly string[] CodeTokens = ["f\"", "\"", "'", "`", "${", "{", "}", "(", ")", "[", "]", "$\"", "@\"", "\"\"\"", "$$\"\"\"", "\\", "\n", "//", "/*", "*/", "#", "=", "role", "system", "content", ":", ",", "SystemMessage(", "eval(", "completion", ".choices[0]", "innerHTML", "+", "%", ".format(", "x", "/", "re/g", "@tool\ndef f(a: str):\n", "[KernelFunction]", "new", "u8", "'''"];

    [Fact]
    public void JsonParser_NeverThrows()
    {
        ForEachInput(JsonTokens, 1, text =>
        {
            var node = JsonTreeParser.Parse(text, out var error);
            Assert.True((node is null) != (error is null));
            if (error is not null)
            {
                Assert.InRange(error.Offset, 0, text.Length);
            }
        });
    }

    [Fact]
    public void YamlParser_NeverThrows()
    {
        ForEachInput(YamlTokens, 2, text =>
        {
            _ = YamlTreeParser.Parse(text, 0, text.Length, out var error);
            if (error is not null)
            {
                Assert.InRange(error.Offset, 0, text.Length);
            }
        });
    }

    [Fact]
    public void JinjaParserAnalyzerAndRenderer_NeverThrowUnexpectedly()
    {
        var values = new Dictionary<string, object?> { ["x"] = "v", ["loop"] = 1 };
        ForEachInput(JinjaTokens, 3, text =>
        {
            var template = JinjaParser.Parse(text);
            var analysis = new TemplateAnalysis();
            JinjaAnalyzer.Analyze(template, analysis, TemplateKind.ChatTemplate, reportSyntax: true);
            foreach (var issue in analysis.Issues)
            {
                Assert.InRange(issue.Start, 0, text.Length);
            }

            try
            {
                _ = JinjaRenderer.Render(template, values);
            }
            catch (TemplateRenderException)
            {
                // A documented failure with a position.
            }
        });
    }

    [Fact]
    public void OtherTemplateSyntaxes_NeverThrowUnexpectedly()
    {
        var values = new Dictionary<string, object?> { ["name"] = "v", ["each"] = new List<object?> { "a" } };
        ForEachInput(MustacheTokens.Concat(JinjaTokens).ToArray(), 4, text =>
        {
            foreach (var syntax in new[] { TemplateSyntax.Mustache, TemplateSyntax.SemanticKernel, TemplateSyntax.FString, TemplateSyntax.Liquid })
            {
                foreach (var strict in new[] { true, false })
                {
                    var t = new PromptTemplate { Text = text, Origin = Text.TextOrigin.Contiguous(0), Syntax = syntax, StrictSyntax = strict };
                    _ = t.Analysis;
                    try
                    {
                        _ = TemplateRenderer.Render(t, values);
                    }
                    catch (TemplateRenderException)
                    {
                    }
                }
            }
        });
    }

    [Fact]
    public void Tokenizers_NeverThrow_AndTokensStayInsideTheText()
    {
        ForEachInput(CodeTokens, 5, text =>
        {
            foreach (var language in new[] { CodeLanguage.Python, CodeLanguage.CSharp, CodeLanguage.TypeScript })
            {
                var code = CodeFile.Parse(language, text);
                foreach (var t in code.Tokens)
                {
                    Assert.InRange(t.Start, 0, text.Length);
                    Assert.InRange(t.End, t.Start, text.Length);
                }
            }
        });
    }

    [Fact]
    public void DocumentReadersAndChecks_NeverThrow()
    {
        var kinds = new (string Name, DocumentKind Kind, CodeLanguage? Language)[]
        {
            ("p.prompt.md", DocumentKind.TextPrompt, null), ("p.prompty", DocumentKind.Prompty, null), ("c.yaml", DocumentKind.Yaml, null),
            ("c.json", DocumentKind.Json, null), ("t.jinja", DocumentKind.Jinja, null), ("v.html", DocumentKind.ViewTemplate, null),
            ("a.py", DocumentKind.Code, CodeLanguage.Python), ("a.cs", DocumentKind.Code, CodeLanguage.CSharp), ("a.ts", DocumentKind.Code, CodeLanguage.TypeScript),
        };
        var alphabet = CodeTokens.Concat(JinjaTokens).Concat(YamlTokens).Concat(["prompt", "model: gpt-4o", "tools", "temperature: 2", "---\n", "_type: prompt\n", "template: ", "openai", "llm", "\u202E", "\u200B"]).ToArray();
        var config = LintConfig.Default with { MaxPromptChars = 200 };
        ForEachInput(alphabet, 6, text =>
        {
            foreach (var (name, kind, language) in kinds)
            {
                var doc = DocumentReader.Read(new DiscoveredFile("/tmp/" + name, name, kind, language, false), text);
                var ctx = new CheckContext { Document = doc, Config = config };
                TemplateChecks.Run(ctx);
                ToolChecks.Run(ctx);
                ModelChecks.Run(ctx);
                UnicodeCheck.Run(ctx);
                foreach (var f in ctx.Findings.Concat(doc.Findings))
                {
                    Assert.InRange(f.Start, 0, text.Length);
                }
            }
        }, iterations: 120);
    }

    [Fact]
    public void SchemaConfigCorpusAndGlobParsers_NeverThrowUnexpectedly()
    {
        var alphabet = YamlTokens.Concat(["templates", "variables", "type", "pattern", "([", "max_length", "lint", "rules", "LLM002", "off", "include", "**", "*", "?", "[!a]", "{a,b}", ",", "\"", "\r\n"]).ToArray();
        ForEachInput(alphabet, 7, text =>
        {
            _ = PromptSchemaParser.Parse(text, "s.yaml", null, out _);
            try
            {
                _ = LintConfigLoader.Parse(text, "c.yaml", "/tmp");
            }
            catch (LintConfigException ex)
            {
                Assert.NotEmpty(ex.Errors);
            }

            try
            {
                _ = CsvRows.Parse(text, "c.csv");
            }
            catch (BypassCorpusException)
            {
            }

            try
            {
                var glob = new Config.Glob(text.Length > 60 ? text[..60] : text);
                _ = glob.IsMatch("a/b/c.prompt.md");
            }
            catch (ArgumentException ex)
            {
                // The documented failure for a malformed pattern, naming it.
                Assert.StartsWith("invalid glob", ex.Message, StringComparison.Ordinal);
            }
        });
    }

    [Fact]
    public void DeepNesting_IsRefusedWithoutStackOverflow()
    {
        const int depth = 100_000;
        Assert.NotNull(ParseJson(new string('[', depth)));
        Assert.NotNull(ParseYaml(new string('[', depth)));
        var jinja = JinjaParser.Parse("{{ " + new string('(', depth) + "x" + new string(')', depth) + " }}");
        Assert.NotEmpty(jinja.Errors);
        var blocks = JinjaParser.Parse(string.Concat(Enumerable.Repeat("{% if x %}", 5000)) + string.Concat(Enumerable.Repeat("{% endif %}", 5000)));
        Assert.Empty(blocks.Errors);
        Assert.Throws<TemplateRenderException>(() => JinjaRenderer.Render(blocks, new Dictionary<string, object?> { ["x"] = true }));
        _ = CodeFile.Parse(CodeLanguage.TypeScript, new string('{', depth) + new string('`', depth));
        _ = CodeFile.Parse(CodeLanguage.Python, "x = " + new string('[', depth));
        var schema = PromptSchemaParser.Parse(new string('[', 10_000), "s", null, out var errors);
        Assert.NotEmpty(errors);
        Assert.Empty(schema.Templates);

        static ParseError? ParseJson(string s)
        {
            JsonTreeParser.Parse(s, out var e);
            return e;
        }

        static ParseError? ParseYaml(string s)
        {
            YamlTreeParser.Parse(s, 0, s.Length, out var e);
            return e;
        }
    }

    [Fact]
    public void YamlAliasBomb_IsBounded()
    {
        var sb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 0; i < 20; i++)
        {
            sb.Append(CultureInfoInvariant($"b{i}: &b{i} [")).Append(string.Join(", ", Enumerable.Repeat(i == 0 ? "*a" : $"*b{i - 1}", 10))).Append("]\n");
        }

        sb.Append("prompt: \"Say {{ x }}\"\nmodel: gpt-4o\n");
        var text = sb.ToString();
        var roots = YamlTreeParser.Parse(text, 0, text.Length, out var error);
        Assert.Null(error);
        var doc = DocumentReader.Read(new DiscoveredFile("/tmp/c.yaml", "c.yaml", DocumentKind.Yaml, null, false), text);
        Assert.Single(roots);
        Assert.Contains(doc.Models, static m => m.Name == "gpt-4o");

        static string CultureInfoInvariant(FormattableString s) => s.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void ForEachInput(string[] alphabet, int seed, Action<string> check, int iterations = Iterations)
    {
        var random = new Random(seed);
        for (var i = 0; i < iterations; i++)
        {
            var text = (i % 3) switch
            {
                0 => RandomBytes(random),
                1 => RandomAscii(random),
                _ => TokenSoup(random, alphabet),
            };

            try
            {
                check(text);
            }
            catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
            {
                throw new InvalidOperationException($"seed {seed}, iteration {i}, input {Escape(text)}", ex);
            }
        }
    }

    private static string RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 600)];
        random.NextBytes(bytes);
        return Encoding.UTF8.GetString(bytes);
    }

    private static string RandomAscii(Random random)
    {
        var chars = new char[random.Next(0, 600)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)random.Next(9, 127);
        }

        return new string(chars);
    }

    private static string TokenSoup(Random random, string[] alphabet)
    {
        var sb = new StringBuilder();
        var n = random.Next(1, 120);
        for (var i = 0; i < n; i++)
        {
            sb.Append(alphabet[random.Next(alphabet.Length)]);
            if (random.Next(5) == 0)
            {
                sb.Append((char)random.Next(32, 127));
            }
        }

        return sb.ToString();
    }

    private static string Escape(string s)
    {
        var shown = s.Length > 300 ? s[..300] + "…" : s;
        return "\"" + shown.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }
}
