using LlmSecOps.Core.Scanning;

namespace LlmSecOps.Guard;

/// <summary>
/// One check over one piece of text. A scanner reports what it finds and never decides: the
/// engine turns findings into a verdict with the policy. A scanner never throws for content;
/// anything it cannot judge it leaves alone.
/// </summary>
public abstract class Scanner
{
    /// <summary>Stable name, used in metrics and traces (e.g. <c>secrets</c>).</summary>
    public abstract string Name { get; }

    /// <summary>Categories this scanner can report. The engine skips it when the policy switches all of them off.</summary>
    public abstract IReadOnlyList<string> Categories { get; }

    /// <summary>Whether the scanner looks at text of this direction.</summary>
    public virtual bool Supports(Direction direction) => true;

    /// <summary>Scans the context's text.</summary>
    public abstract ValueTask<ScanResult> ScanAsync(ScanContext context, CancellationToken cancellationToken);
}
