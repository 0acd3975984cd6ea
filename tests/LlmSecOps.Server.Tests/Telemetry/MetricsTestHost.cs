using System.Net;
using LlmSecOps.Server.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LlmSecOps.Server.Tests.Telemetry;

/// <summary>A real Kestrel server on 127.0.0.1 with the telemetry registered and <c>/metrics</c> mapped.</summary>
internal sealed class MetricsTestHost : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly WebApplication _app;

    private MetricsTestHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = Timeout };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<MetricsTestHost> StartAsync(Func<TelemetryOptions, TelemetryOptions>? configure = null, Action<WebApplication>? map = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.AddLlmSecOpsTelemetry(o =>
        {
            // Console output from many test hosts would only be noise.
            var options = o with { JsonConsoleLogs = false };
            return configure is null ? options : configure(options);
        });
        var app = builder.Build();
        app.MapPrometheusMetrics();
        app.MapGet("/ping", () => "pong");
        map?.Invoke(app);
        await app.StartAsync().WaitAsync(Timeout);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new MetricsTestHost(app, new Uri(address));
    }

    public async Task<string> ScrapeAsync()
    {
        using var response = await Client.GetAsync(new Uri("/metrics", UriKind.Relative)).WaitAsync(Timeout);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync().WaitAsync(Timeout);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync().WaitAsync(Timeout);
        await _app.DisposeAsync();
    }
}
