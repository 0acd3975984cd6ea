namespace LlmSecOps.Lint.Code;

/// <summary>Kinds of source tokens.</summary>
internal enum CodeTokenKind
{
    Identifier,
    String,
    Number,
    Punct,
    Comment,
    Newline,

    /// <summary>Anything else the light tokenizers skip over as a unit (regex literals, char literals).</summary>
    Other,
}
