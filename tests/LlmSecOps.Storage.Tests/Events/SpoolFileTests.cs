using LlmSecOps.Storage.Events;

namespace LlmSecOps.Storage.Tests.Events;

public sealed class SpoolFileTests : IDisposable
{
    private readonly StoreFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    [Fact]
    public void OpenSpoolFile_IsLockedAgainstReplay_UntilClosed()
    {
        using var writer = new SpoolFileWriter(_fx.SpoolDirectory, "batch", TimeProvider.System);
        var (path, created) = writer.Append(["{}"], durable: true);

        Assert.True(created);
        Assert.Null(SpoolReader.TryOpen(path));

        writer.Close();
        using var replay = SpoolReader.TryOpen(path);
        Assert.NotNull(replay);
        Assert.Equal([path], SpoolReader.Pending(_fx.SpoolDirectory));
    }

    [Fact]
    public void Append_AfterClose_StartsANewFile_AndNamesSortByCreation()
    {
        using var writer = new SpoolFileWriter(_fx.SpoolDirectory, "overflow", TimeProvider.System);
        var (first, _) = writer.Append(["{\"a\":1}", "{\"a\":2}"], durable: true, closeAfter: true);
        Thread.Sleep(2);
        var (second, created) = writer.Append(["{\"a\":3}"], durable: true, closeAfter: true);

        Assert.True(created);
        Assert.NotEqual(first, second);
        Assert.Equal(["{\"a\":1}", "{\"a\":2}"], File.ReadAllLines(first));
        Assert.Equal([first, second], SpoolReader.Pending(_fx.SpoolDirectory));
    }
}
