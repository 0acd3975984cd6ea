using System.Diagnostics;
using System.Globalization;

namespace LlmSecOps.Server.Telemetry.Prometheus;

/// <summary>
/// The standard <c>process_*</c> samples every Prometheus client exposes (CPU, memory, file
/// descriptors, start time) plus the managed heap size, read when scraped. Files under
/// <c>/proc</c> are read only on Linux; elsewhere those samples are left out.
/// </summary>
internal sealed class ProcessMetrics
{
    private readonly double _startTimeSeconds;
    private readonly long _maxFds;
    private readonly bool _linux = OperatingSystem.IsLinux();

    public ProcessMetrics()
    {
        using var process = Process.GetCurrentProcess();
        _startTimeSeconds = (process.StartTime.ToUniversalTime() - DateTime.UnixEpoch).TotalSeconds;
        _maxFds = _linux ? ReadMaxFds() : -1;
    }

    public void Write(ref PrometheusTextWriter writer)
    {
        var cpu = Environment.CpuUsage.TotalTime.TotalSeconds;
        writer.WriteRaw("# HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.\n# TYPE process_cpu_seconds_total counter\nprocess_cpu_seconds_total "u8);
        writer.WriteDouble(cpu);
        writer.WriteNewLine();

        writer.WriteRaw("# HELP process_resident_memory_bytes Resident memory size in bytes.\n# TYPE process_resident_memory_bytes gauge\nprocess_resident_memory_bytes "u8);
        writer.WriteInt64(Environment.WorkingSet);
        writer.WriteNewLine();

        if (_linux && ReadVirtualMemory() is var virtualBytes && virtualBytes >= 0)
        {
            writer.WriteRaw("# HELP process_virtual_memory_bytes Virtual memory size in bytes.\n# TYPE process_virtual_memory_bytes gauge\nprocess_virtual_memory_bytes "u8);
            writer.WriteInt64(virtualBytes);
            writer.WriteNewLine();
        }

        if (_linux && CountOpenFds() is var open && open >= 0)
        {
            writer.WriteRaw("# HELP process_open_fds Number of open file descriptors.\n# TYPE process_open_fds gauge\nprocess_open_fds "u8);
            writer.WriteInt64(open);
            writer.WriteNewLine();
        }

        if (_maxFds >= 0)
        {
            writer.WriteRaw("# HELP process_max_fds Maximum number of open file descriptors.\n# TYPE process_max_fds gauge\nprocess_max_fds "u8);
            writer.WriteInt64(_maxFds);
            writer.WriteNewLine();
        }

        writer.WriteRaw("# HELP process_start_time_seconds Start time of the process since unix epoch in seconds.\n# TYPE process_start_time_seconds gauge\nprocess_start_time_seconds "u8);
        writer.WriteDouble(_startTimeSeconds);
        writer.WriteNewLine();

        writer.WriteRaw("# HELP dotnet_total_memory_bytes Bytes currently thought to be allocated on the managed heap.\n# TYPE dotnet_total_memory_bytes gauge\ndotnet_total_memory_bytes "u8);
        writer.WriteInt64(GC.GetTotalMemory(forceFullCollection: false));
        writer.WriteNewLine();
    }

    private static long ReadVirtualMemory()
    {
        try
        {
            // statm: sizes in pages; the first field is the total program size.
            var text = File.ReadAllText("/proc/self/statm");
            var end = text.IndexOf(' ', StringComparison.Ordinal);
            return end > 0 && long.TryParse(text.AsSpan(0, end), NumberStyles.None, CultureInfo.InvariantCulture, out var pages)
                ? pages * Environment.SystemPageSize
                : -1;
        }
        catch (IOException)
        {
            return -1;
        }
        catch (UnauthorizedAccessException)
        {
            return -1;
        }
    }

    private static long CountOpenFds()
    {
        try
        {
            long count = 0;
            foreach (var unused in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
            {
                count++;
            }

            return count;
        }
        catch (IOException)
        {
            return -1;
        }
        catch (UnauthorizedAccessException)
        {
            return -1;
        }
    }

    private static long ReadMaxFds()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/limits"))
            {
                if (!line.StartsWith("Max open files", StringComparison.Ordinal))
                {
                    continue;
                }

                var fields = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return fields.Length > 0 && long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var soft) ? soft : -1;
            }
        }
        catch (IOException)
        {
            return -1;
        }
        catch (UnauthorizedAccessException)
        {
            return -1;
        }

        return -1;
    }
}
