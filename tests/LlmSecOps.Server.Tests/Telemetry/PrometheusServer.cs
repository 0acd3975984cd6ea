using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace LlmSecOps.Server.Tests.Telemetry;

/// <summary>
/// A real Prometheus (the Debian package) scraping one target every second, on a free
/// loopback port with its data in a temporary folder. Its log is kept for failure messages;
/// the process is killed and the folder removed on dispose.
/// </summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);
    private readonly Process _process;
    private readonly DirectoryInfo _directory;
    private readonly StringBuilder _log = new();
    private readonly HttpClient _client;

    private PrometheusServer(Process process, DirectoryInfo directory, Uri address)
    {
        _process = process;
        _directory = directory;
        Address = address;
        _client = new HttpClient { BaseAddress = address, Timeout = RequestTimeout };
    }

    public Uri Address { get; }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<PrometheusServer> StartAsync(Uri target, string job, TimeSpan deadline)
    {
        var binary = ExternalTool.Require("prometheus");
        var directory = Directory.CreateTempSubdirectory("llmsecops-prometheus-");
        var port = FreeLoopbackPort();
        var config = Path.Combine(directory.FullName, "prometheus.yml");
        await File.WriteAllTextAsync(config, string.Create(CultureInfo.InvariantCulture, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: {job}
                metrics_path: /metrics
                static_configs:
                  - targets: ['{target.Host}:{target.Port}']
            """));

        var info = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory.FullName,
        };
        info.ArgumentList.Add("--config.file=" + config);
        info.ArgumentList.Add("--storage.tsdb.path=" + Path.Combine(directory.FullName, "data"));
        info.ArgumentList.Add($"--web.listen-address=127.0.0.1:{port}");
        info.ArgumentList.Add("--storage.tsdb.retention.time=1h");
        info.ArgumentList.Add("--log.level=info");

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start " + binary);
        var server = new PrometheusServer(process, directory, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await server.WaitReadyAsync(deadline);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>Runs an instant query; returns the result vector (possibly empty).</summary>
    public async Task<JsonElement> QueryAsync(string promql)
    {
        var uri = new Uri("api/v1/query?query=" + Uri.EscapeDataString(promql), UriKind.Relative);
        using var response = await _client.GetAsync(uri).WaitAsync(RequestTimeout);
        var body = await response.Content.ReadAsStringAsync().WaitAsync(RequestTimeout);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Query '{promql}' failed with {(int)response.StatusCode}: {body}");
        }

        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("data").GetProperty("result").Clone();
    }

    /// <summary>The scrape targets as Prometheus reports them (for failure messages).</summary>
    public async Task<string> TargetsAsync()
    {
        try
        {
            return await _client.GetStringAsync(new Uri("api/v1/targets", UriKind.Relative)).WaitAsync(RequestTimeout);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or TaskCanceledException)
        {
            return "(targets unavailable: " + e.Message + ")";
        }
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        catch (TimeoutException)
        {
            // Leave it; the folder removal below may then fail and is best effort.
        }
        finally
        {
            _process.Dispose();
        }

        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private async Task WaitReadyAsync(TimeSpan deadline)
    {
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Prometheus exited with code {_process.ExitCode}.\n{Log}");
            }

            try
            {
                using var response = await _client.GetAsync(new Uri("-/ready", UriKind.Relative)).WaitAsync(RequestTimeout);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TimeoutException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Prometheus was not ready within {deadline}.\n{Log}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            // Bounded: a misbehaving server should not fill the test's memory.
            if (_log.Length < 200_000)
            {
                _log.AppendLine(line);
            }
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
