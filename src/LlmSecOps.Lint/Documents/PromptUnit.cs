using LlmSecOps.Lint.Templates;

namespace LlmSecOps.Lint.Documents;

/// <summary>
/// One prompt as the application uses it: its messages (templates), the variables it declares and
/// the samples it gives. Declarations and the prompt schema are checked per unit, because one
/// declaration list covers all messages of a prompt.
/// </summary>
internal sealed class PromptUnit
{
    /// <summary>Identifier used to find the prompt's schema (prompty/SK name, else the file name without extension).</summary>
    public required string Id { get; init; }

    public List<PromptTemplate> Templates { get; } = [];

    /// <summary>Declared variables; null when the format declares none (then nothing is undeclared).</summary>
    public List<DeclaredVariable>? Declared { get; set; }

    public List<SampleValue> Samples { get; } = [];

    /// <summary>Default values the format applies when a variable is not given (used by <c>render</c>).</summary>
    public List<SampleValue> Defaults { get; } = [];

    /// <summary>Names of variables whose value the format itself supplies (LangChain partial_variables, few-shot examples).</summary>
    public HashSet<string> Supplied { get; } = new(StringComparer.Ordinal);
}
