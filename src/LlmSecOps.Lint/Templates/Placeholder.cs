namespace LlmSecOps.Lint.Templates;

/// <summary>
/// A place where a value is inserted into the template text. <see cref="Name"/> is the variable
/// whose value ends up there (a loop variable is traced to the collection it iterates).
/// Offsets are into the template text and cover the whole placeholder (<c>{{ x | f }}</c>).
/// </summary>
internal sealed record Placeholder(string Name, string Expression, int Start, int End)
{
    /// <summary>Filters applied (Jinja), lower-case.</summary>
    public IReadOnlyList<string> Filters { get; init; } = [];

    /// <summary>Mustache triple-stash or <c>{{&amp;x}}</c>: inserted without HTML escaping.</summary>
    public bool Unescaped { get; init; }

    /// <summary>For code: the value was built with its own delimiters (<c>docs = "".join(f"&lt;doc&gt;{d}&lt;/doc&gt;" …)</c>).</summary>
    public bool DelimitedAtSource { get; init; }

    /// <summary>For code: the expression the value was computed from (e.g. a <c>.format(x=request.args["q"])</c> argument).</summary>
    public string? SourceExpression { get; init; }
}
