namespace LlmSecOps.Lint.Code;

/// <summary>A source token with its file offsets. Strings carry their decoded literal.</summary>
internal sealed class CodeToken
{
    public CodeToken(CodeTokenKind kind, int start, int end, string text, StringLiteral? literal = null)
    {
        Kind = kind;
        Start = start;
        End = end;
        Text = text;
        Literal = literal;
    }

    public CodeTokenKind Kind { get; }

    public int Start { get; }

    public int End { get; }

    /// <summary>Identifier, punctuation or number text; for strings, the decoded value.</summary>
    public string Text { get; }

    public StringLiteral? Literal { get; }

    public bool IsPunct(string p) => Kind == CodeTokenKind.Punct && string.Equals(Text, p, StringComparison.Ordinal);

    public bool IsIdent(string name) => Kind == CodeTokenKind.Identifier && string.Equals(Text, name, StringComparison.Ordinal);

    public override string ToString() => $"{Kind}:{Text}@{Start}";
}
