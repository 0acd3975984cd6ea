using System.Text.RegularExpressions;

namespace LlmSecOps.Guard.Scanners.Secrets;

/// <summary>
/// Judges one match of a rule: returns the score to report, or 0 to drop the match.
/// </summary>
/// <param name="text">The whole text searched.</param>
/// <param name="match">The pattern's match.</param>
/// <param name="value">The secret part of the match.</param>
/// <param name="score">The rule's base score.</param>
internal delegate double SecretCheck(string text, Match match, ReadOnlySpan<char> value, double score);
