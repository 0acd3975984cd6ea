using LlmSecOps.Lint.Templates.Jinja;

namespace LlmSecOps.Lint.Templates;

/// <summary>What the template scanner learned about one template.</summary>
internal sealed class TemplateAnalysis
{
    public static TemplateAnalysis Empty { get; } = new();

    /// <summary>Where values are inserted.</summary>
    public List<Placeholder> Placeholders { get; } = [];

    /// <summary>Every use of a free variable (inserted, tested in a condition, iterated).</summary>
    public List<VariableReference> References { get; } = [];

    /// <summary>Parse errors and dangerous constructs.</summary>
    public List<TemplateIssue> Issues { get; } = [];

    /// <summary>The parsed tree, for Jinja templates.</summary>
    public JinjaTemplate? Jinja { get; set; }

    /// <summary>Distinct names of free variables in first-use order.</summary>
    public IReadOnlyList<string> VariableNames()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<string>();
        foreach (var r in References)
        {
            if (seen.Add(r.Name))
            {
                list.Add(r.Name);
            }
        }

        return list;
    }
}
