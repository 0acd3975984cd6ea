namespace LlmSecOps.Lint.Templates.Jinja;

/// <summary>A syntax error inside one Jinja expression or statement; caught per segment by the parser.</summary>
internal sealed class JinjaSyntaxException : Exception
{
    public JinjaSyntaxException(string message, int start, int end)
        : base(message)
    {
        Start = start;
        End = end;
    }

    public int Start { get; }

    public int End { get; }
}
