using LlmSecOps.Lint.Code;
using LlmSecOps.Lint.Data;
using LlmSecOps.Lint.Templates;
using LlmSecOps.Lint.Templates.Jinja;

namespace LlmSecOps.Lint.Tests;

public sealed class ParserTests
{
    [Fact]
    public void Json_StringOffsets_MapEscapesBackToTheFile()
    {
        const string text = "{\"t\": \"a\\n\\u0041{{x}}\"}";
        var map = (DataMap)JsonTreeParser.Parse(text, out var error)!;
        Assert.Null(error);
        var s = (DataScalar)map.Get("t")!;

        Assert.Equal("a\nA{{x}}", s.Value);
        Assert.Equal(text.IndexOf("{{x}}", StringComparison.Ordinal), s.Origin.ToFile(3));
        Assert.Equal(text.IndexOf("\\u0041", StringComparison.Ordinal), s.Origin.ToFile(2));
    }

    [Fact]
    public void Json_CommentsAndTrailingCommas_AreAccepted()
    {
        var node = JsonTreeParser.Parse("{\n // note\n \"a\": [1, 2,], /* x */\n}", out var error);

        Assert.Null(error);
        Assert.Equal(2, ((DataSequence)((DataMap)node!).Get("a")!).Items.Count);
    }

    [Fact]
    public void Yaml_LiteralBlock_MapsEveryLineToItsColumn()
    {
        const string text = "template: |\n  Hello\n    {{ name }} there\n";
        var roots = YamlTreeParser.Parse(text, 0, text.Length, out var error);
        Assert.Null(error);
        var s = (DataScalar)((DataMap)roots[0]).Get("template")!;
        var index = s.Value.IndexOf("{{", StringComparison.Ordinal);

        Assert.Equal(text.IndexOf("{{", StringComparison.Ordinal), s.Origin.ToFile(index));
    }

    [Fact]
    public void Yaml_FoldedAndQuotedScalars_MapToTheRightLine()
    {
        const string text = "a: >\n  one two\n  three {{x}}\nb: \"esc \\t {{y}}\"\n";
        var map = (DataMap)YamlTreeParser.Parse(text, 0, text.Length, out _)[0];
        var a = (DataScalar)map.Get("a")!;
        var b = (DataScalar)map.Get("b")!;

        Assert.Equal(text.IndexOf("{{x}}", StringComparison.Ordinal), a.Origin.ToFile(a.Value.IndexOf("{{x}}", StringComparison.Ordinal)));
        Assert.Equal(text.IndexOf("{{y}}", StringComparison.Ordinal), b.Origin.ToFile(b.Value.IndexOf("{{y}}", StringComparison.Ordinal)));
    }

    [Fact]
    public void Jinja_FindsVariablesFiltersLoopSourcesAndBoundNames()
    {
        var t = new PromptTemplate
        {
            Text = "{% set n = 3 %}{% for d in docs %}{{ d.title | e }}{% endfor %}{{ user | upper }}{% if flag %}{{ n }}{% endif %}",
            Origin = Text.TextOrigin.Contiguous(0),
            Syntax = TemplateSyntax.Jinja,
        };

        var a = t.Analysis;

        Assert.Equal(["docs", "user", "flag"], a.VariableNames());
        Assert.Equal(["docs", "user"], a.Placeholders.Select(static p => p.Name));
        Assert.Equal(["e"], a.Placeholders[0].Filters);
        Assert.Empty(a.Issues);
    }

    [Fact]
    public void Jinja_SyntaxErrors_HaveOffsets()
    {
        var t = JinjaParser.Parse("ok {{ a + }} then {% if x %} no end {% endfor %}");

        Assert.Contains(t.Errors, static e => e.Start == "ok {{ a ".Length && e.Message.Contains("expected a value", StringComparison.Ordinal));
        Assert.Contains(t.Errors, static e => e.Message.Contains("endfor", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{{ ''.__class__.__mro__[1].__subclasses__() }}")]
    [InlineData("{{ cycler.__init__.__globals__.os.popen('id').read() }}")]
    [InlineData("{{ self._TemplateReference__context.joiner }}")]
    [InlineData("{{ x | attr('\\x5f\\x5fclass\\x5f\\x5f') }}")]
    [InlineData("{{ lipsum['__glo' ~ 'bals__'] }}")]
    [InlineData("{% import 'os' as os %}")]
    [InlineData("{{ namespace._private }}")]
    [InlineData("{{ ().__class__.mro() }}")]
    public void Jinja_SandboxEscapes_AreReported(string template)
    {
        var analysis = new TemplateAnalysis();
        TemplateScanner.Analyze(template, TemplateSyntax.Jinja, TemplateKind.ChatTemplate, analysis);

        Assert.Contains(analysis.Issues, static i => i.RuleId == "LLM026");
    }

    [Fact]
    public void JinjaRenderer_RendersChatTemplateFeatures()
    {
        const string text = "{%- set ns = namespace(found=false) -%}{%- for m in messages -%}{%- if m['role'] == 'system' %}{% set ns.found = true %}{% endif -%}" +
            "<|{{ m.role }}|>{{ m['content'] | trim }}{% if not loop.last %}\n{% endif %}{%- endfor %}{{ '|sys' if ns.found else '' }}{{ ' ' ~ items | join(',') }}";
        var messages = new List<object?>
        {
            new Dictionary<string, object?> { ["role"] = "system", ["content"] = " be kind " },
            new Dictionary<string, object?> { ["role"] = "user", ["content"] = "hi" },
        };

        var output = JinjaRenderer.Render(JinjaParser.Parse(text), new Dictionary<string, object?> { ["messages"] = messages, ["items"] = new List<object?> { 1L, "b" } });

        Assert.Equal("<|system|>be kind\n<|user|>hi|sys 1,b", output);
    }

    [Fact]
    public void JinjaRenderer_RefusesPrivateAttributesAndUnknownFilters()
    {
        Assert.Throws<TemplateRenderException>(() => JinjaRenderer.Render(JinjaParser.Parse("{{ x.__class__ }}"), new Dictionary<string, object?> { ["x"] = "s" }));
        var ex = Assert.Throws<TemplateRenderException>(() => JinjaRenderer.Render(JinjaParser.Parse("abc {{ x | frobnicate }}"), new Dictionary<string, object?> { ["x"] = "s" }));
        Assert.Equal("abc {{ ".Length, ex.Offset);
    }

    [Fact]
    public void FString_Strict_ReportsStrayBraces_Lenient_IgnoresJson()
    {
        var strict = new TemplateAnalysis();
        TemplateScanner.Analyze("Reply {\"a\": 1} about {topic}", TemplateSyntax.FString, TemplateKind.Prompt, strict, strict: true);
        var lenient = new TemplateAnalysis();
        TemplateScanner.Analyze("Reply {\"a\": 1} about {topic}", TemplateSyntax.FString, TemplateKind.Prompt, lenient, strict: false);

        Assert.NotEmpty(strict.Issues);
        Assert.Empty(lenient.Issues);
        Assert.Equal(["topic"], lenient.Placeholders.Select(static p => p.Name));
    }

    [Fact]
    public void Mustache_SectionsResolveDotToTheSectionVariable()
    {
        var a = new TemplateAnalysis();
        TemplateScanner.Analyze("{{#docs}}<d>{{.}}</d>{{/docs}} {{{raw}}} {{#each items}}{{this}}{{/each}}", TemplateSyntax.Mustache, TemplateKind.Prompt, a);

        Assert.Equal(["docs", "raw", "items"], a.Placeholders.Select(static p => p.Name));
        Assert.True(a.Placeholders[1].Unescaped);
        Assert.Empty(a.Issues);
    }

    [Fact]
    public void SemanticKernel_VariablesInFunctionCalls()
    {
        var a = new TemplateAnalysis();
        TemplateScanner.Analyze("{{$input}} and {{ search.find $query \"const $notavar\" }}", TemplateSyntax.SemanticKernel, TemplateKind.Prompt, a);

        Assert.Equal(["input", "query"], a.Placeholders.Select(static p => p.Name));
    }

    [Fact]
    public void Python_FStringHoles_AndTripleQuotes()
    {
        const string text = "x = f'''Hi {user[\"name\"]!r:>10} and {{literal}} {y}'''\n# f\"{not_code}\"\n";
        var code = CodeFile.Parse(CodeLanguage.Python, text);
        var lit = code.Tokens.Single(static t => t.Kind == CodeTokenKind.String).Literal!;

        Assert.Equal(["user[\"name\"]", "y"], lit.Holes.Select(static h => h.Expression));
        Assert.Contains("{literal}", lit.Value, StringComparison.Ordinal);
        Assert.Equal(text.IndexOf("{y}", StringComparison.Ordinal), lit.Origin.ToFile(lit.Holes[1].Start));
    }

    [Fact]
    public void CSharp_RawInterpolatedAndVerbatimStrings()
    {
        const string text = "var a = $$\"\"\"\n    Hello {{name}} and {literal}\n    \"\"\";\nvar b = $@\"C:\\{dir}\"\"x\"\"\";\nvar c = \"esc\\t{nope}\";";
        var strings = CodeFile.Parse(CodeLanguage.CSharp, text).Tokens.Where(static t => t.Kind == CodeTokenKind.String).Select(static t => t.Literal!).ToList();

        Assert.Equal("Hello {{name}} and {literal}", strings[0].Value);
        Assert.Equal(["name"], strings[0].Holes.Select(static h => h.Expression));
        Assert.Equal(text.IndexOf("{{name}}", StringComparison.Ordinal), strings[0].Origin.ToFile(strings[0].Holes[0].Start));
        Assert.Equal(["dir"], strings[1].Holes.Select(static h => h.Expression));
        Assert.EndsWith("\"x\"", strings[1].Value, StringComparison.Ordinal);
        Assert.Empty(strings[2].Holes);
    }

    [Fact]
    public void TypeScript_NestedTemplateLiteralsAndRegex()
    {
        const string text = "const r = /`[a-z]+`/g; const s = `a ${b ? `x${c}` : '}'} d`; const t = x / 2 / y;";
        var tokens = CodeFile.Parse(CodeLanguage.TypeScript, text).Tokens;
        var literals = tokens.Where(static t => t.Kind == CodeTokenKind.String).Select(static t => t.Literal!).ToList();

        var s = Assert.Single(literals);
        Assert.Equal(["b ? `x${c}` : '}'"], s.Holes.Select(static h => h.Expression));
        Assert.Contains(tokens, static t => t.Kind == CodeTokenKind.Other && t.Text.StartsWith("/`", StringComparison.Ordinal));
    }
}
