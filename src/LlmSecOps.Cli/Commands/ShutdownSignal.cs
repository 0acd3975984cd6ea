using System.Runtime.InteropServices;

namespace LlmSecOps.Cli.Commands;

/// <summary>
/// A token that fires on Ctrl+C or SIGTERM (or when the caller's token fires), so long-running
/// commands stop gracefully and flush what they hold instead of being killed.
/// </summary>
internal sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource _cts;
    private readonly PosixSignalRegistration[] _registrations;

    public ShutdownSignal(CancellationToken outer)
    {
        _cts = CancellationTokenSource.CreateLinkedTokenSource(outer);
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle),
        ];
    }

    /// <summary>Fires when the process is asked to stop.</summary>
    public CancellationToken Token => _cts.Token;

    /// <summary>Waits until the process is asked to stop.</summary>
    public async Task WaitAsync()
    {
        try
        {
            await Task.Delay(Timeout.Infinite, _cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Handle(PosixSignalContext context)
    {
        context.Cancel = true;
        _cts.Cancel();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var r in _registrations)
        {
            r.Dispose();
        }

        _cts.Dispose();
    }
}
