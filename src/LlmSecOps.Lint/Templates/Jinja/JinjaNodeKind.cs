namespace LlmSecOps.Lint.Templates.Jinja;

/// <summary>Kinds of Jinja template nodes.</summary>
internal enum JinjaNodeKind
{
    Text,
    Output,
    If,
    For,
    Set,
    SetBlock,

    /// <summary>A block whose body renders unchanged (<c>generation</c>, <c>filter</c> is not supported).</summary>
    Passthrough,

    /// <summary>A statement the renderer does not execute (macro, call, include, import, extends, …).</summary>
    Unsupported,
}
