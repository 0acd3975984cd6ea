using System.Diagnostics;
using LlmSecOps.Core.Policy;
using LlmSecOps.Core.Scanning;
using LlmSecOps.Guard.Redaction;

namespace LlmSecOps.Guard;

/// <summary>
/// Runs the scanners the policy switches on over a text and turns their findings into a verdict:
/// each finding takes its category's action for the direction, findings under the category's
/// threshold are dropped, redactable findings are replaced by placeholders, and the verdict is
/// the strongest action left. Thread-safe; build one per policy and share it.
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
        foreach (var scanner in _scanners)
        {
            if (!scanner.Supports(request.Direction) || !actions.AnyEnabled(scanner.Categories))
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var pending = scanner.ScanAsync(context, cancellationToken);
            var result = pending.IsCompletedSuccessfully ? pending.Result : await pending.ConfigureAwait(false);
            foreach (var finding in result.Findings)
            {
                var action = actions.For(finding.Category);
                if (action == PolicyAction.Off)
                {
                    continue;
                }

                scores ??= new Dictionary<string, double>(StringComparer.Ordinal);
                if (!scores.TryGetValue(finding.Category, out var best) || finding.Score > best)
                {
                    scores[finding.Category] = finding.Score;
                }

                if (finding.Score < Policy.ThresholdFor(finding.Category))
                {
                    continue;
                }

                // A redaction needs a place in the text and a category that can be redacted;
                // otherwise the guard fails closed.
                if (action == PolicyAction.Redact && (finding.Span is null || !FindingCategories.IsRedactable(finding.Category)))
                {
                    action = PolicyAction.Block;
                }

                kept ??= [];
                kept.Add(request.MessageIndex is { } index && finding.MessageIndex is null
                    ? finding with { Action = action, MessageIndex = index }
                    : finding with { Action = action });
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

    /// <summary>The verdict a single action produces.</summary>
    public static Verdict ToVerdict(PolicyAction action) => action switch
    {
        PolicyAction.Block => Verdict.Block,
        PolicyAction.Redact => Verdict.Redact,
        PolicyAction.Flag => Verdict.Flag,
        _ => Verdict.Allow,
    };
}
