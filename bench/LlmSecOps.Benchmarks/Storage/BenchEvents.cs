using LlmSecOps.Core.Events;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Storage.Events;

namespace LlmSecOps.Benchmarks.Storage;

/// <summary>
/// Synthetic gateway traffic with a realistic shape: mostly allowed requests from a few thousand
/// principals, a minority with findings, bodies of a few hundred characters.
/// </summary>
public static class BenchEvents
{
    public static readonly DateTimeOffset End = new(2026, 3, 31, 0, 0, 0, TimeSpan.Zero);

    public static readonly TimeSpan Span = TimeSpan.FromDays(30);

    private static readonly string[] Sources = ["serve", "serve", "serve", "serve", "serve", "serve", "serve", "serve", "probe", "scan"];

    private static readonly string[] Models = ["gpt-4o-mini", "llama-3-70b", "mistral-large"];

    private static readonly string[] BlockCategories = [FindingCategories.PromptInjection, FindingCategories.Jailbreak, FindingCategories.ExfiltrationLink];

    private static readonly string[] RedactCategories = [FindingCategories.Pii, FindingCategories.Secret];

    /// <summary>Creates <paramref name="count"/> events spread evenly over <see cref="Span"/> before <see cref="End"/>.</summary>
    public static LlmEvent[] Create(int count, int seed = 42)
    {
        var random = new Random(seed);
        var events = new LlmEvent[count];
        var step = Span.Ticks / count;
        var start = End - Span;
        for (var i = 0; i < count; i++)
        {
            var roll = random.Next(100);
            var (verdict, categories) = roll switch
            {
                < 4 => (Verdict.Block, new[] { BlockCategories[random.Next(BlockCategories.Length)] }),
                < 10 => (Verdict.Redact, new[] { RedactCategories[random.Next(RedactCategories.Length)] }),
                < 15 => (Verdict.Flag, new[] { FindingCategories.InvisibleText }),
                _ => (Verdict.Allow, Array.Empty<string>()),
            };
            var user = random.Next(1_000);
            events[i] = new LlmEvent
            {
                Timestamp = start.AddTicks(step * i),
                Source = Sources[random.Next(Sources.Length)],
                Route = "/v1/chat/completions",
                Model = Models[random.Next(Models.Length)],
                Upstream = "http://127.0.0.1:8081",
                TraceId = Guid.NewGuid().ToString("N"),
                Principal = new Principal
                {
                    UserId = "user-" + user,
                    Tenant = "tenant-" + (user % 50),
                    ApiKeyId = "key-" + user,
                    ClientIp = "10.1." + random.Next(20) + "." + random.Next(250),
                    Roles = ["client"],
                },
                Verdict = verdict,
                Findings = categories.Select(c => new Finding
                {
                    Category = c,
                    Rule = c + ".rule",
                    Score = 0.5 + (random.NextDouble() / 2),
                    Span = new TextSpan(random.Next(100), 12),
                    Action = verdict == Verdict.Block ? PolicyAction.Block : verdict == Verdict.Redact ? PolicyAction.Redact : PolicyAction.Flag,
                }).ToArray(),
                Request = RandomText(random, 200 + random.Next(200)),
                Response = verdict == Verdict.Block ? null : RandomText(random, 100 + random.Next(300)),
                Status = verdict == Verdict.Block ? 400 : 200,
                Latency = new EventLatency { TotalMs = 50 + (random.NextDouble() * 500), GuardMs = random.NextDouble(), UpstreamMs = 40 + (random.NextDouble() * 500) },
                Usage = new TokenUsage(50 + random.Next(500), random.Next(800)),
                EntropyMean = random.NextDouble() * 3,
            };
        }

        return events;
    }

    private static readonly string[] Words =
    [
        "the", "report", "weather", "invoice", "please", "summarise", "customer", "order", "shipping", "table",
        "explain", "code", "function", "error", "deploy", "budget", "meeting", "draft", "email", "translate",
    ];

    private static string RandomText(Random random, int length)
    {
        var sb = new System.Text.StringBuilder(length + 16);
        while (sb.Length < length)
        {
            sb.Append(Words[random.Next(Words.Length)]).Append(' ');
        }

        return sb.ToString(0, length);
    }

    /// <summary>
    /// A data directory holding <paramref name="count"/> events, built once and reused by later
    /// benchmark processes (building a million events takes a while).
    /// </summary>
    public static string EnsureDataset(int count)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"llmsecops-bench-events-v2-{count}");
        var marker = Path.Combine(dir, "complete");
        if (File.Exists(marker))
        {
            return dir;
        }

        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }

        const int chunk = 100_000;
        var store = EventStore.Open(new EventStoreOptions { DataDirectory = dir });
        try
        {
            for (var offset = 0; offset < count; offset += chunk)
            {
                // Chunks keep memory bounded; each chunk continues the same 30-day timeline.
                var events = Create(Math.Min(chunk, count - offset), seed: offset);
                var step = Span.Ticks / count;
                for (var i = 0; i < events.Length; i++)
                {
                    store.Write(events[i] with { Timestamp = End - Span + TimeSpan.FromTicks(step * (offset + i)) });
                }

                store.FlushAsync().GetAwaiter().GetResult();
            }
        }
        finally
        {
            store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        File.WriteAllText(marker, DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        return dir;
    }
}
