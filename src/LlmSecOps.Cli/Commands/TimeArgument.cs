using System.Globalization;
using System.Text.RegularExpressions;

namespace LlmSecOps.Cli.Commands;

/// <summary>
/// Parses the time arguments of <c>--since</c> and <c>--until</c>: an ISO-8601 date or date-time
/// (UTC unless it names an offset), or a duration back from now such as <c>90s</c>, <c>15m</c>,
/// <c>2h</c>, <c>7d</c> or <c>2w</c>.
/// </summary>
internal static partial class TimeArgument
{
    private static readonly TimeSpan Longest = TimeSpan.FromDays(365 * 100);

    /// <summary>Parses <paramref name="text"/>; a bad value is a <see cref="UsageException"/> naming the option.</summary>
    public static DateTimeOffset Parse(string option, string text, DateTimeOffset now)
    {
        var trimmed = text.Trim();
        var relative = Relative().Match(trimmed);
        if (relative.Success)
        {
            if (!long.TryParse(relative.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
            {
                throw Bad(option, text);
            }

            var unit = relative.Groups[2].Value switch
            {
                "s" => TimeSpan.FromSeconds(1),
                "m" => TimeSpan.FromMinutes(1),
                "h" => TimeSpan.FromHours(1),
                "d" => TimeSpan.FromDays(1),
                _ => TimeSpan.FromDays(7),
            };
            if (amount > Longest.Ticks / unit.Ticks)
            {
                throw new UsageException($"{option} '{text}': at most 100 years back");
            }

            return now - TimeSpan.FromTicks(unit.Ticks * amount);
        }

        if (IsoLike().IsMatch(trimmed) &&
            DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var absolute))
        {
            return absolute;
        }

        throw Bad(option, text);
    }

    private static UsageException Bad(string option, string text) =>
        new($"{option} '{text}': expected an ISO-8601 time (2026-03-01, 2026-03-01T12:00:00Z) or a duration back from now (90s, 15m, 2h, 7d, 2w)");

    [GeneratedRegex(@"^(\d{1,12})(s|m|h|d|w)$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Relative();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([T ][0-9:.]+)?(Z|[+-]\d{2}:?\d{2})?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 100)]
    private static partial Regex IsoLike();
}
