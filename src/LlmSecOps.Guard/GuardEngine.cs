using System.Diagnostics;
using LlmSecOps.Core.Policy;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Core.Telemetry;
using LlmSecOps.Guard.Redaction;

namespace LlmSecOps.Guard;

/// <summary>
/// Runs the scanners the policy switches on over a text and turns their findings into a verdict:
/// each finding takes its category's action for the direction, findings under the category's
/// threshold are dropped, redactable findings are replaced by placeholders, and the verdict is
/// the strongest action left. When no attack finding reaches its threshold, the best attack
/// opinions of two scanners may still do so together (<see cref="Corroboration"/>).
/// Thread-safe; build one per policy and share it.
/// </summary>
public sealed class GuardEngine
{
    private readonly Scanner[] _scanners;

    /// <summary>Creates an engine over the given scanners.</summary>
    public GuardEngine(GuardPolicy policy, IEnumerable<Scanner> scanners)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(scanners);
        Policy = policy;
        _scanners = [.. scanners];
    }

    /// <summary>The policy in force.</summary>
    public GuardPolicy Policy { get; }

    /// <summary>The scanners, in the order they run.</summary>
    public IReadOnlyList<Scanner> Scanners => _scanners;

    /// <summary>Creates an engine with the built-in scanners for a policy (the default policy when null).</summary>
    public static GuardEngine Create(GuardPolicy? policy = null)
    {
        policy ??= GuardPolicy.Default;
        return new GuardEngine(policy, ScannerCatalog.CreateDefault(policy));
    }

    /// <summary>Judges one text.</summary>
    public async ValueTask<GuardResult> ScanAsync(ScanRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = Stopwatch.GetTimestamp();
        var actions = Policy.For(request.Direction);
        var context = new ScanContext
        {
            Direction = request.Direction,
            Text = request.Text ?? string.Empty,
            Policy = Policy,
            Role = request.Role,
            Principal = request.Principal,
            SystemPrompt = request.SystemPrompt,
            Canaries = request.Canaries,
            MessageIndex = request.MessageIndex,
        };

        List<Finding>? kept = null;
        Dictionary<string, double>? scores = null;
        var corroboration = default(Corroboration);
        var attackKept = false;
        foreach (var scanner in _scanners)
        {
            if (!scanner.Supports(request.Direction) || !actions.AnyEnabled(scanner.Categories))
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var timed = Instruments.ScannerDuration.Enabled;
            var scannerStarted = timed ? Stopwatch.GetTimestamp() : 0;
            var pending = scanner.ScanAsync(context, cancellationToken);
            var result = pending.IsCompletedSuccessfully ? pending.Result : await pending.ConfigureAwait(false);
            if (timed)
            {
                Instruments.ScannerDuration.Record(
                    Stopwatch.GetElapsedTime(scannerStarted).TotalSeconds,
                    new KeyValuePair<string, object?>("llmsecops.scanner", scanner.Name),
                    new KeyValuePair<string, object?>("llmsecops.direction", DirectionName(request.Direction)));
            }
            foreach (var finding in result.Findings)
            {
                var action = actions.For(finding.Category);
                if (action == PolicyAction.Off)
                {
                    continue;
                }

                Note(ref scores, finding.Category, finding.Score);
                var attack = IsAttack(finding.Category);
                if (attack)
                {
                    corroboration.Offer(scanner.Name, finding);
                }

                if (finding.Score < Policy.ThresholdFor(finding.Category))
                {
                    continue;
                }

                attackKept |= attack;
                Keep(ref kept, finding, action, request.MessageIndex);
            }
        }

        // Two scanners each under the threshold may still agree on an attack.
        if (Policy.CorroborateAttacks && corroboration.TryJoin(out var jointScore, out var jointCategory))
        {
            Note(ref scores, jointCategory, jointScore);
            if (!attackKept && jointScore >= Policy.ThresholdFor(jointCategory))
            {
                Keep(ref kept, corroboration.ToFinding(jointScore), actions.For(jointCategory), request.MessageIndex);
            }
        }

        var verdict = Verdict.Allow;
        var text = context.Text;
        var redacted = false;
        if (kept is not null)
        {
            foreach (var f in kept)
            {
                var v = ToVerdict(f.Action);
                if (v > verdict)
                {
                    verdict = v;
                }
            }

            if (verdict == Verdict.Redact)
            {
                var vault = request.Vault ?? new RedactionVault();
                text = Redactor.Apply(text, kept.Where(static f => f.Action == PolicyAction.Redact), vault);
                redacted = !ReferenceEquals(text, context.Text);
            }
        }

        RecordMetrics(request.Direction, verdict, kept);
        return new GuardResult
        {
            Verdict = verdict,
            Findings = (IReadOnlyList<Finding>?)kept ?? [],
            Text = text,
            Redacted = redacted,
            Scores = (IReadOnlyDictionary<string, double>?)scores ?? EmptyScores,
            ElapsedMicroseconds = Stopwatch.GetElapsedTime(started).TotalMicroseconds,
        };
    }

    private static readonly Dictionary<string, double> EmptyScores = new(StringComparer.Ordinal);

    private static bool IsAttack(string category) =>
        category is FindingCategories.PromptInjection or FindingCategories.Jailbreak;

    private static void Note(ref Dictionary<string, double>? scores, string category, double score)
    {
        scores ??= new Dictionary<string, double>(StringComparer.Ordinal);
        if (!scores.TryGetValue(category, out var best) || score > best)
        {
            scores[category] = score;
        }
    }

    private static void Keep(ref List<Finding>? kept, Finding finding, PolicyAction action, int? messageIndex)
    {
        // A redaction needs a place in the text and a category that can be redacted;
        // otherwise the guard fails closed.
        if (action == PolicyAction.Redact && (finding.Span is null || !FindingCategories.IsRedactable(finding.Category)))
        {
            action = PolicyAction.Block;
        }

        kept ??= [];
        kept.Add(messageIndex is { } index && finding.MessageIndex is null
            ? finding with { Action = action, MessageIndex = index }
            : finding with { Action = action });
    }

    /// <summary>The lower-case name of a direction used in tags, events and JSON.</summary>
    public static string DirectionName(Direction direction) => direction switch
    {
        Direction.Output => "output",
        Direction.ToolCall => "tool_call",
        Direction.RetrievedDocument => "retrieved",
        _ => "input",
    };

    private static void RecordMetrics(Direction direction, Verdict verdict, List<Finding>? findings)
    {
        if (Instruments.Verdicts.Enabled)
        {
            Instruments.Verdicts.Add(
                1,
                new KeyValuePair<string, object?>("llmsecops.direction", DirectionName(direction)),
                new KeyValuePair<string, object?>("llmsecops.verdict", VerdictName(verdict)));
        }

        if (findings is null || !Instruments.Findings.Enabled)
        {
            return;
        }

        foreach (var f in findings)
        {
            Instruments.Findings.Add(
                1,
                new KeyValuePair<string, object?>("llmsecops.direction", DirectionName(direction)),
                new KeyValuePair<string, object?>("gen_ai.guardrail.category", f.Category),
                new KeyValuePair<string, object?>("llmsecops.action", ActionName(f.Action)));
        }
    }

    /// <summary>The lower-case name of a verdict.</summary>
    public static string VerdictName(Verdict verdict) => verdict switch
    {
        Verdict.Block => "block",
        Verdict.Redact => "redact",
        Verdict.Flag => "flag",
        _ => "allow",
    };

    private static string ActionName(PolicyAction action) => action switch
    {
        PolicyAction.Block => "block",
        PolicyAction.Redact => "redact",
        PolicyAction.Flag => "flag",
        PolicyAction.Log => "log",
        _ => "off",
    };

    /// <summary>The verdict a single action produces.</summary>
    public static Verdict ToVerdict(PolicyAction action) => action switch
    {
        PolicyAction.Block => Verdict.Block,
        PolicyAction.Redact => Verdict.Redact,
        PolicyAction.Flag => Verdict.Flag,
        _ => Verdict.Allow,
    };
}
