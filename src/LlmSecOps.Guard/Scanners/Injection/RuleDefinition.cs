namespace LlmSecOps.Guard.Scanners.Injection;

/// <summary>How a rule's weight is adjusted by its surroundings.</summary>
[Flags]
internal enum RuleFlags
{
    None = 0,

    /// <summary>Halved when the text is about software (code, apps, APIs), where the words are often meant literally.</summary>
    Technical = 1,

    /// <summary>Counts only when some other rule fired too: a signal that sharpens others but is ordinary alone.</summary>
    Companion = 2,

    /// <summary>
    /// Wording about persona, tone or format ("stay in character", "from now on", "no disclaimers"):
    /// common in benign role-play, so it weighs half unless a rule about rules, instructions or
    /// harm fired too.
    /// </summary>
    Style = 4,

    /// <summary>
    /// Points back at text before the user's ("the above words", "prior instructions"): counts in
    /// full only near the start of the text, where nothing the user wrote stands above it. Later,
    /// after a pasted document, the same words usually mean that document, so it weighs a third.
    /// </summary>
    Opening = 8,
}

/// <summary>
/// A phrase rule, written as a pattern over words:
/// <list type="bullet">
/// <item><c>@name</c> — any entry of a vocabulary concept;</item>
/// <item><c>a|b|c</c> — alternatives: words, <c>stem*</c>, multi-word sequences joined by <c>+</c>
/// (<c>pay+no+attention+to</c>) and <c>^word</c> for a word that must be upper case in the original;</item>
/// <item><c>~N</c> — up to N other words may come before the next slot (default 0: adjacent).</item>
/// </list>
/// Slots and alternatives can be mixed: <c>@ignore|skip ~3 @prior</c>.
/// </summary>
/// <param name="Id">Stable rule id reported in findings, e.g. <c>injection.override.ignore_previous</c>. Several definitions may share one id.</param>
/// <param name="Category">Finding category.</param>
/// <param name="Weight">Score of the rule alone, 0–1.</param>
/// <param name="Pattern">The pattern.</param>
/// <param name="Message">Why a match is suspicious, shown in the finding.</param>
/// <param name="Flags">Context adjustments.</param>
/// <param name="Unless">Optional slot syntax (e.g. <c>@self</c>); a word of it inside the match multiplies the weight by <paramref name="UnlessFactor"/>.</param>
/// <param name="UnlessFactor">Factor applied when <paramref name="Unless"/> is present.</param>
/// <param name="UnlessReach">Words before and after the match also searched for <paramref name="Unless"/>.</param>
internal sealed record RuleDefinition(
    string Id,
    string Category,
    double Weight,
    string Pattern,
    string Message,
    RuleFlags Flags = RuleFlags.None,
    string? Unless = null,
    double UnlessFactor = 0.4,
    int UnlessReach = 1);
