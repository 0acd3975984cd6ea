namespace LlmSecOps.Lint.Templates.Jinja;

/// <summary>The value of a name that has no value, as in Jinja's default <c>Undefined</c>.</summary>
internal sealed class JinjaUndefined(string name)
{
    public string Name { get; } = name;

    public override string ToString() => string.Empty;
}
