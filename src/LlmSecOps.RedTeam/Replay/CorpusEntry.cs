using LlmSecOps.RedTeam.Probes;

namespace LlmSecOps.RedTeam.Replay;

/// <summary>One item of a replayed corpus: a single prompt or a recorded session's turns.</summary>
/// <param name="Id">Id from the file, or the line/row it came from.</param>
/// <param name="Family">Technique or category (the report groups by it).</param>
/// <param name="Messages">What to send, in order.</param>
/// <param name="Line">Line (or first line) in the file.</param>
public sealed record CorpusEntry(string Id, string Family, IReadOnlyList<ProbeMessage> Messages, int Line)
{
    /// <summary>Label from the file (attack, benign, …), when given.</summary>
    public string? Label { get; init; }
}
