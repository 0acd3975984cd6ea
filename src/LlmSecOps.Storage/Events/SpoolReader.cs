using System.Text.Json;
using LlmSecOps.Core.Events;
using LlmSecOps.Core.Serialization;

namespace LlmSecOps.Storage.Events;

/// <summary>Finds and reads spool files.</summary>
internal static class SpoolReader
{
    /// <summary>Lines that cannot be read back are copied to files starting with this, never deleted.</summary>
    public const string RejectedPrefix = "rejected-";

    /// <summary>Closed spool files in creation order.</summary>
    public static IReadOnlyList<string> Pending(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var files = Directory.GetFiles(directory, SpoolFileWriter.Prefix + "*.jsonl");
        Array.Sort(files, StringComparer.Ordinal);
        return files;
    }

    /// <summary>
    /// Opens a spool file for replay with an exclusive lock; null when a writer (in this or another
    /// process) still holds it, or it is gone.
    /// </summary>
    public static FileStream? TryOpen(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None, 64 * 1024);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// Reads a spool file in chunks of at most <paramref name="chunkSize"/> events. Lines that do
    /// not parse (a torn last line after a crash) are appended to a rejected file beside it.
    /// </summary>
    public static IEnumerable<List<PendingEvent>> ReadChunks(Stream stream, string path, int chunkSize, Action<string, int>? onRejected = null)
    {
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        var chunk = new List<PendingEvent>(chunkSize);
        var lineNo = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNo++;
            if (line.Length == 0)
            {
                continue;
            }

            var evt = TryParse(line);
            if (evt is null)
            {
                Reject(path, line);
                onRejected?.Invoke(path, lineNo);
                continue;
            }

            chunk.Add(new PendingEvent(evt, line));
            if (chunk.Count >= chunkSize)
            {
                yield return chunk;
                chunk = new List<PendingEvent>(chunkSize);
            }
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }

    private static LlmEvent? TryParse(string line)
    {
        try
        {
            var evt = JsonSerializer.Deserialize<LlmEvent>(line, JsonDefaults.Options);
            return evt is { Source: not null } ? evt : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Reject(string path, string line)
    {
        var rejected = Path.Combine(Path.GetDirectoryName(path)!, RejectedPrefix + Path.GetFileName(path));
        using var stream = new FileStream(rejected, FileMode.Append, FileAccess.Write, FileShare.Read);
        using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false));
        writer.WriteLine(line);
        writer.Flush();
        stream.Flush(flushToDisk: true);
    }
}
