namespace LlmSecOps.Guard.Evaluation;

/// <summary>A labelled prompt file that cannot be used, with the place of the problem.</summary>
public sealed class LabeledDataException : Exception
{
    /// <summary>Creates an error about a whole file (line 0) or one line of it.</summary>
    public LabeledDataException(string path, int line, string problem)
        : base(line > 0 ? $"{path}:{line}: {problem}" : $"{path}: {problem}")
    {
        Path = path;
        Line = line;
        Problem = problem;
    }

    /// <summary>Creates an error with a message only.</summary>
    public LabeledDataException(string message)
        : base(message)
    {
        Path = string.Empty;
        Problem = message;
    }

    /// <summary>Creates an error with a message and a cause.</summary>
    public LabeledDataException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = string.Empty;
        Problem = message;
    }

    /// <summary>Creates an error with no detail.</summary>
    public LabeledDataException()
        : this("bad labelled data")
    {
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The 1-based line, or 0 when the problem is the whole file.</summary>
    public int Line { get; }

    /// <summary>What is wrong.</summary>
    public string Problem { get; }
}
