using System.CommandLine;
using LlmSecOps.Core.Events;
using LlmSecOps.Core.Scanning;

namespace LlmSecOps.Cli.Commands;

/// <summary>The filter options shared by <c>events list</c> and <c>events export</c>, and their translation to an <see cref="EventQuery"/>.</summary>
internal sealed class EventFilterOptions
{
    /// <summary>Largest <c>--limit</c> accepted.</summary>
    public const int MaxLimit = 10_000_000;

    public Option<string?> Since { get; } = new("--since") { Description = "Only events at or after this time: ISO-8601 (2026-03-01T12:00:00Z) or a duration back from now (15m, 2h, 7d)." };

    public Option<string?> Until { get; } = new("--until") { Description = "Only events before this time (same forms as --since)." };

    public Option<string?> Verdict { get; } = new("--verdict") { Description = "Only this verdict: allow, flag, redact or block." };

    public Option<string?> Category { get; } = new("--category") { Description = "Only events with a finding of this category (e.g. prompt_injection, secret, pii)." };

    public Option<string?> Principal { get; } = new("--principal") { Description = "Only events whose user id, API key id, tenant or client IP equals this." };

    public Option<string?> Source { get; } = new("--source") { Description = "Only events from this source: serve, scan, probe, ingest." };

    public Option<int?> Limit { get; } = new("--limit", "-n") { Description = "Most events to return, newest first." };

    public Option<string?> DataDir { get; } = CommonOptions.DataDir();

    public void AddTo(Command command)
    {
        command.Options.Add(Since);
        command.Options.Add(Until);
        command.Options.Add(Verdict);
        command.Options.Add(Category);
        command.Options.Add(Principal);
        command.Options.Add(Source);
        command.Options.Add(Limit);
        command.Options.Add(DataDir);
    }

    /// <summary>The query the options describe; bad values are <see cref="UsageException"/>s.</summary>
    public EventQuery ToQuery(ParseResult parse, DateTimeOffset now, int defaultLimit)
    {
        var since = parse.GetValue(Since) is { } s ? TimeArgument.Parse("--since", s, now) : (DateTimeOffset?)null;
        var until = parse.GetValue(Until) is { } u ? TimeArgument.Parse("--until", u, now) : (DateTimeOffset?)null;
        if (since is { } a && until is { } b && a >= b)
        {
            throw new UsageException($"--since ({a:O}) must be before --until ({b:O})");
        }

        var limit = parse.GetValue(Limit) ?? defaultLimit;
        if (parse.GetValue(Limit) is { } given && given is < 1 or > MaxLimit)
        {
            throw new UsageException($"--limit {given}: expected 1..{MaxLimit}");
        }

        return new EventQuery
        {
            Since = since,
            Until = until,
            Verdict = ParseVerdict(parse.GetValue(Verdict)),
            Category = ParseCategory(parse.GetValue(Category)),
            Principal = NonEmpty("--principal", parse.GetValue(Principal)),
            Source = NonEmpty("--source", parse.GetValue(Source))?.ToLowerInvariant(),
            Limit = limit,
        };
    }

    private static Verdict? ParseVerdict(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null => null,
        "allow" => Core.Scanning.Verdict.Allow,
        "flag" => Core.Scanning.Verdict.Flag,
        "redact" => Core.Scanning.Verdict.Redact,
        "block" => Core.Scanning.Verdict.Block,
        _ => throw new UsageException($"--verdict '{text}': expected allow, flag, redact or block"),
    };

    private static string? ParseCategory(string? text)
    {
        if (text is null)
        {
            return null;
        }

        return FindingCategories.Normalize(text)
            ?? throw new UsageException($"--category '{text}': unknown category; known: {string.Join(", ", FindingCategories.All)}");
    }

    private static string? NonEmpty(string option, string? text)
    {
        if (text is null)
        {
            return null;
        }

        return text.Trim().Length == 0 ? throw new UsageException($"{option}: empty value") : text.Trim();
    }
}
