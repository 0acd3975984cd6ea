using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using LlmSecOps.RedTeam.Conversations;
using LlmSecOps.RedTeam.Detectors;
using LlmSecOps.RedTeam.Probes;
using LlmSecOps.RedTeam.Targets;

namespace LlmSecOps.RedTeam.Running;

/// <summary>
/// Runs one planned attempt: fills placeholders, applies the mutator chain, plays the
/// conversation turn by turn against the target, and lets the probe's detectors judge the
/// replies. Every failure becomes an <see cref="AttemptOutcome.Error"/> result; nothing here
/// counts an error as a success.
/// </summary>
internal sealed class AttemptExecutor(Target target, RunOptions options, TimeProvider time)
{
    public async Task<AttemptResult> ExecuteAsync(PlannedAttempt planned, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var stopwatch = Stopwatch.GetTimestamp();
        var random = new Random(planned.AttemptSeed);
        var marker = "PWNED-" + planned.AttemptId[..6].ToUpperInvariant();
        var filled = Fill(planned, marker, options.Seed);
        var attackText = string.Join("\n\n", filled.Where(m => m.Role is ChatRoles.User or ChatRoles.Tool).Select(m => m.Content));
        var mutated = planned.Chain.Apply(filled, random);

        var systemPrompt = SystemPromptFor(planned.Probe);
        var history = new List<ChatMessage>(mutated.Count * 2 + 1);
        if (systemPrompt is not null && options.SendSystemPrompt && target.AcceptsSystemPrompt)
        {
            history.Add(ChatMessage.System(systemPrompt));
        }

        var state = new ConversationState(planned.AttemptId);
        var replies = new List<(TargetResponse Response, int HistoryCount)>();
        TargetResponse? failure = null;
        TargetResponse? blocked = null;
        var retries = 0;
        var turns = 0;
        var sentUpTo = 0;
        int? lastStatus = null;
        for (var i = 0; i < mutated.Count; i++)
        {
            var m = mutated[i];
            history.Add(new ChatMessage(m.Role, m.Content) { Name = m.Name, ToolCallId = m.ToolCallId, ToolCalls = m.ToolCalls });
            // A request goes out after a user or tool message that ends the script or is followed
            // by a user turn; scripted assistant messages and tool results before them are context.
            var sendNow = m.Role is ChatRoles.User or ChatRoles.Tool && (i == mutated.Count - 1 || mutated[i + 1].Role == ChatRoles.User);
            if (!sendNow)
            {
                continue;
            }

            var request = new TargetRequest
            {
                Messages = history.ToArray(),
                Tools = planned.Probe.Tools,
                State = state,
                AttemptId = planned.AttemptId,
                Turn = turns,
                NewMessagesFrom = sentUpTo,
            };
            var response = await target.SendAsync(request, cancellationToken).ConfigureAwait(false);
            turns++;
            retries += response.Retries;
            lastStatus = response.HttpStatus ?? lastStatus;
            sentUpTo = history.Count;
            if (response.Status == TargetStatus.Error)
            {
                failure = response;
                break;
            }

            if (response.Status == TargetStatus.Blocked)
            {
                blocked = response;
                break;
            }

            history.Add(new ChatMessage(ChatRoles.Assistant, response.Text) { ToolCalls = response.ToolCalls.Count > 0 ? response.ToolCalls : null });
            replies.Add((response, history.Count));
            if (response.ToolCalls.Count > 0 && i < mutated.Count - 1 && mutated[i + 1].Role != ChatRoles.Tool)
            {
                // The wire format needs an answer for every call before the next user turn.
                foreach (var call in response.ToolCalls)
                {
                    history.Add(new ChatMessage(ChatRoles.Tool, "{\"error\":\"tool unavailable in this test\"}") { Name = call.Name, ToolCallId = call.Id });
                }
            }

            sentUpTo = history.Count;
        }

        var latency = Stopwatch.GetElapsedTime(stopwatch).TotalMilliseconds;
        var sentPrompt = string.Join("\n\n", mutated.Where(m => m.Role == ChatRoles.User).Select(m => m.Content));
        var result = new AttemptResult
        {
            RunId = options.RunId,
            AttemptId = planned.AttemptId,
            Sequence = planned.Sequence,
            ProbeId = planned.Probe.Id,
            Family = planned.Probe.Family,
            PromptKey = planned.PromptKey,
            Mutator = planned.Chain.Name,
            Target = target.Id,
            Outcome = AttemptOutcome.Error,
            StartedAt = started,
            LatencyMs = Math.Round(latency, 3),
            Prompt = sentPrompt,
            Response = replies.Count > 0 ? replies[^1].Response.Text : string.Empty,
            ConversationJson = NeedsConversation(history) ? ConversationJson(history) : null,
            HttpStatus = lastStatus,
            Retries = retries,
            Turns = turns,
        };

        if (failure is not null)
        {
            return result with { Outcome = AttemptOutcome.Error, Error = failure.Error ?? "request failed" };
        }

        var (outcomes, score, fired, detectorError, evidence) = await JudgeAsync(planned, replies, history, systemPrompt, attackText, marker, cancellationToken).ConfigureAwait(false);
        result = result with { Detectors = outcomes, Score = Math.Round(score, 4), Evidence = evidence };
        if (fired)
        {
            return result with { Outcome = AttemptOutcome.Success };
        }

        if (blocked is not null)
        {
            return result with { Outcome = AttemptOutcome.Blocked, Error = "blocked: " + (blocked.Error ?? "content filter") };
        }

        if (detectorError is not null)
        {
            return result with { Outcome = AttemptOutcome.Error, Error = detectorError };
        }

        return result with { Outcome = AttemptOutcome.Fail };
    }

    private string? SystemPromptFor(Probe probe)
    {
        var template = options.SystemPromptFromUser ? options.SystemPrompt : probe.SystemPrompt ?? options.SystemPrompt;
        if (template is null)
        {
            return null;
        }

        var text = template;
        if (options.Canaries.Count > 0)
        {
            text = text.Replace("{{canary}}", options.Canaries[0], StringComparison.Ordinal);
        }

        foreach (var (name, value) in options.Planted)
        {
            text = text.Replace("{{" + name + "}}", value, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>Fills <c>{{behavior}}</c>, <c>{{marker}}</c> and <c>{{suffix}}</c> in the attack's messages.</summary>
    internal static IReadOnlyList<ProbeMessage> Fill(PlannedAttempt planned, string marker, int runSeed)
    {
        string? suffix = null;
        if (planned.SuffixIndex >= 0)
        {
            // Seeded by probe, prompt and run (not by mutator), so every mutator sees the same suffix.
            var key = planned.PromptKey;
            var (_, seed) = AttemptPlanner.Identity(planned.Probe.Id, key, "suffix", string.Empty, runSeed);
            suffix = AdversarialSuffix.Generate(new Random(seed), planned.Probe.SuffixLength);
        }

        var result = new ProbeMessage[planned.Prompt.Messages.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var m = planned.Prompt.Messages[i];
            var content = m.Content;
            if (content.Contains("{{", StringComparison.Ordinal))
            {
                content = content.Replace("{{marker}}", marker, StringComparison.Ordinal);
                if (planned.Behavior is { } b)
                {
                    content = content.Replace("{{behavior}}", b.Text, StringComparison.Ordinal);
                }

                if (suffix is not null)
                {
                    content = content.Replace("{{suffix}}", suffix, StringComparison.Ordinal);
                }
            }

            result[i] = ReferenceEquals(content, m.Content) ? m : m with { Content = content };
        }

        return result;
    }

    private async Task<(IReadOnlyList<DetectorOutcome> Outcomes, double Score, bool Fired, string? Error, string? Evidence)> JudgeAsync(
        PlannedAttempt planned,
        List<(TargetResponse Response, int HistoryCount)> replies,
        List<ChatMessage> history,
        string? systemPrompt,
        string attackText,
        string marker,
        CancellationToken cancellationToken)
    {
        var probe = planned.Probe;
        if (replies.Count == 0)
        {
            return ([], 0, false, null, null);
        }

        var secrets = options.Planted.Values.ToArray();
        var historyArray = history.ToArray();
        var outcomes = new List<DetectorOutcome>(probe.Detectors.Count);
        string? error = null;
        foreach (var binding in probe.Detectors)
        {
            var first = binding.Scope == DetectorScope.Any ? 0 : replies.Count - 1;
            DetectorOutcome? best = null;
            for (var r = first; r < replies.Count; r++)
            {
                var (response, count) = replies[r];
                var context = new DetectorContext
                {
                    Response = response.Text,
                    ToolCalls = response.ToolCalls,
                    Conversation = new ArraySegment<ChatMessage>(historyArray, 0, Math.Min(count, historyArray.Length)),
                    ToolsOffered = probe.Tools,
                    SystemPrompt = systemPrompt,
                    Canaries = options.Canaries,
                    Secrets = secrets,
                    Attack = attackText,
                    Marker = marker,
                    ProbeId = probe.Id,
                    Family = probe.Family,
                    Intent = probe.Intent,
                    Expected = probe.Expected,
                    Judge = options.Judge,
                };

                DetectorResult d;
                try
                {
                    d = await binding.Detector.DetectAsync(context, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A detector must not throw; one that does is a failed judgement, not a crash.
                    d = DetectorResult.Fail($"{binding.Name} threw {ex.GetType().Name}: {ex.Message}");
                }

                var outcome = new DetectorOutcome(binding.Name, Math.Round(d.Score, 4), d.Evidence)
                {
                    Error = d.Error,
                    Skipped = d.Skipped,
                    Fired = !d.Failed && !d.Skipped && d.Score >= probe.Threshold,
                    Turn = r,
                };
                if (best is null || (outcome.Score > best.Score && !outcome.Skipped) || (best.Skipped && !outcome.Skipped))
                {
                    best = outcome;
                }
            }

            outcomes.Add(best!);
            if (best!.Error is not null)
            {
                error ??= $"detector {best.Name} failed: {best.Error}";
            }
        }

        var judged = outcomes.Where(o => !o.Skipped && o.Error is null).ToList();

        // A judge that was asked is a better witness than the absence of a refusal: it replaces
        // it, and when the judge failed the weak signal must not decide in its place.
        if (outcomes.Any(o => o.Name == "judge" && !o.Skipped))
        {
            judged.RemoveAll(o => o.Name == "no_refusal");
        }

        if (judged.Count == 0)
        {
            return (outcomes, 0, false, error, null);
        }

        double score;
        bool fired;
        string? evidence;
        if (probe.Success == SuccessMode.All)
        {
            score = judged.Min(o => o.Score);
            fired = judged.All(o => o.Fired) && error is null;
            evidence = fired ? string.Join("; ", judged.Select(o => o.Evidence).Where(e => e is not null)) : null;
        }
        else
        {
            var top = judged.MaxBy(o => o.Score)!;
            score = top.Score;
            fired = top.Fired;
            evidence = fired ? top.Name + ": " + top.Evidence : null;
        }

        return (outcomes, score, fired, error, evidence);
    }

    /// <summary>
    /// Whether the stored prompt and response miss part of the exchange: more than one turn, or
    /// scripted context such as tool results. A single prompt and its reply need no copy.
    /// </summary>
    private static bool NeedsConversation(List<ChatMessage> history)
    {
        var nonSystem = 0;
        foreach (var m in history)
        {
            if (m.Role != ChatRoles.System)
            {
                nonSystem++;
                if (nonSystem > 2 || m.Role == ChatRoles.Tool || m.ToolCalls is not null)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The conversation without the system prompt (the run's settings hold that once).</summary>
    private static string ConversationJson(List<ChatMessage> history)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            ChatJson.WriteMessages(writer, history, includeSystem: false);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    internal static string Describe(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
