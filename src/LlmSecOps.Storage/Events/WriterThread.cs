namespace LlmSecOps.Storage.Events;

/// <summary>
/// The event store's writer runs on a dedicated background thread rather than on the thread pool:
/// its SQLite calls block, and the pool's few threads (two on a two-core host) are the ones that
/// serve requests.
/// </summary>
internal static class WriterThread
{
    /// <summary>Starts <paramref name="body"/> on a new background thread; the task completes when it returns.</summary>
    public static Task Start(string name, Action body)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                body();
                done.TrySetResult();
            }
            catch (Exception ex)
            {
                done.TrySetException(ex);
            }
        })
        {
            IsBackground = true,
            Name = name,
        };
        thread.Start();
        return done.Task;
    }

    /// <summary>Blocks the calling (writer) thread until the wait completes.</summary>
    public static bool Wait(ValueTask<bool> pending) =>
        pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
}
