namespace LlmSecOps.Lint.Templates;

/// <summary>How placeholders are written in a template.</summary>
internal enum TemplateSyntax
{
    /// <summary>No placeholders.</summary>
    Plain,

    /// <summary>Jinja2 (<c>{{ x }}</c>, <c>{% if %}</c>); also prompty's default.</summary>
    Jinja,

    /// <summary>Liquid, read like Jinja but without reporting Jinja-only syntax errors.</summary>
    Liquid,

    /// <summary>Mustache or Handlebars (<c>{{x}}</c>, <c>{{#each}}</c>, <c>{{{raw}}}</c>).</summary>
    Mustache,

    /// <summary>Semantic Kernel's own syntax (<c>{{$x}}</c>, <c>{{plugin.fn $x}}</c>).</summary>
    SemanticKernel,

    /// <summary>Python format strings as LangChain uses them (<c>{x}</c>, <c>{{</c> for a brace).</summary>
    FString,

    /// <summary>An interpolated string in source code; placeholders are the interpolation holes.</summary>
    Interpolated,
}
