namespace LlmSecOps.Lint.Templates.Jinja;

/// <summary>The mutable object <c>namespace(...)</c> returns, whose attributes <c>{% set ns.x = … %}</c> may change.</summary>
internal sealed class JinjaNamespace : Dictionary<string, object?>
{
    public JinjaNamespace()
        : base(StringComparer.Ordinal)
    {
    }
}
