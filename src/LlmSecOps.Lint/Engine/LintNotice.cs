namespace LlmSecOps.Lint.Engine;

/// <summary>Something the linter did not check and why (a skipped binary or huge file, an unreadable path, a symlink loop).</summary>
/// <param name="Path">The file or directory, relative to the project root.</param>
/// <param name="Kind">Stable kind: <c>binary</c>, <c>too_large</c>, <c>unreadable</c>, <c>symlink</c>, <c>not_found</c>, <c>internal_error</c>.</param>
/// <param name="Message">What happened, for people.</param>
public sealed record LintNotice(string Path, string Kind, string Message);
