using LlmSecOps.Core.Policy;
using LlmSecOps.Server.Gateway.Http;
using LlmSecOps.Server.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LlmSecOps.Server.Gateway;

/// <summary>
/// The gateway as a Kestrel app: builds it from settings, starts and stops it, and tells where it
/// listens. Used by <c>llmsecops serve</c>, <c>llmsecops demo</c>, the functional tests and the benchmark.
/// </summary>
internal sealed class GatewayHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GatewayHost(WebApplication app, GatewayRuntime runtime)
    {
        _app = app;
        Runtime = runtime;
    }

    /// <summary>The shared gateway state.</summary>
    public GatewayRuntime Runtime { get; }

    /// <summary>The ASP.NET Core application.</summary>
    public WebApplication App => _app;

    /// <summary>The addresses bound (after <see cref="StartAsync"/>; port 0 is replaced by the real port).</summary>
    public IReadOnlyList<string> Addresses =>
        _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];

    /// <summary>The first bound address as a base URI (with a trailing slash).</summary>
    public Uri BaseAddress => new(Addresses[0].TrimEnd('/') + "/");

    /// <summary>Builds the host; throws <see cref="PolicyException"/> listing every problem with the options.</summary>
    public static GatewayHost Create(GatewayHostSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var problems = settings.Options.Validate();
        if (problems.Count > 0)
        {
            throw new PolicyException([.. problems.Select(p => new PolicyError("configuration", 0, 0, p))]);
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "llmsecops", ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(settings.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = settings.Options.MaxRequestBytes + 1;
        });
        builder.Logging.ClearProviders();
        if (!settings.EnableTelemetry)
        {
            // With telemetry on, logs are ECS JSON lines (registered below); without, plain lines.
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        }

        builder.Logging.SetMinimumLevel(settings.MinimumLogLevel);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http", LogLevel.Warning);

        if (settings.EnableTelemetry)
        {
            ConfigureTelemetry(builder);
        }

        var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("LlmSecOps.Gateway");
        var runtime = new GatewayRuntime(settings.Options, settings.Engine, settings.Sink, settings.TimeProvider, logger)
        {
            ReadinessCheck = settings.ReadinessCheck,
        };

        app.UseStatusCodePages(static async context =>
        {
            var http = context.HttpContext;
            var status = http.Response.StatusCode;
            var message = status switch
            {
                404 => $"Unknown request URL: {http.Request.Method} {http.Request.Path}.",
                405 => $"Method {http.Request.Method} is not allowed on {http.Request.Path}.",
                _ => $"The request failed with status {status}.",
            };
            await OpenAiError.WriteAsync(http, status, status >= 500 ? OpenAiError.ServerError : OpenAiError.InvalidRequest, status switch { 404 => "unknown_url", 405 => "method_not_allowed", _ => null }, message).ConfigureAwait(false);
        });

        MapEndpoints(app, runtime);
        if (settings.EnableTelemetry)
        {
            MapTelemetry(app);
        }

        return new GatewayHost(app, runtime);
    }

    /// <summary>Starts listening.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        GatewayLog.Listening(Runtime.Log, string.Join(", ", Addresses), string.Join(", ", Runtime.Options.Upstreams.Select(u => u.ToString())));
    }

    /// <summary>Stops listening, letting requests in flight finish (bounded by the host's shutdown timeout).</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync().ConfigureAwait(false);
        Runtime.Dispose();
    }

    private static void MapEndpoints(WebApplication app, GatewayRuntime runtime)
    {
        var chat = new ChatCompletionsHandler(runtime);
        var embeddings = new EmbeddingsHandler(runtime);
        var models = new ModelsHandler(runtime);

        app.MapPost("/v1/chat/completions", http => chat.HandleAsync(http, "default", "/v1/chat/completions"));
        app.MapPost("/v1/embeddings", http => embeddings.HandleAsync(http, "default", "/v1/embeddings"));
        app.MapGet("/v1/models", models.HandleAsync);

        app.MapPost("/routes/{route}/v1/chat/completions", http => WithRoute(http, runtime, route => chat.HandleAsync(http, route, "/routes/{route}/v1/chat/completions")));
        app.MapPost("/routes/{route}/v1/embeddings", http => WithRoute(http, runtime, route => embeddings.HandleAsync(http, route, "/routes/{route}/v1/embeddings")));
        app.MapGet("/routes/{route}/v1/models", http => WithRoute(http, runtime, _ => models.HandleAsync(http)));

        app.MapGet("/healthz", HealthEndpoints.HealthAsync);
        app.MapGet("/readyz", http => HealthEndpoints.ReadyAsync(http, runtime));
    }

    private static Task WithRoute(HttpContext http, GatewayRuntime runtime, Func<string, Task> handle)
    {
        var route = http.GetRouteValue("route") as string ?? string.Empty;
        if (!runtime.Options.Routes.ContainsKey(route))
        {
            return OpenAiError.WriteAsync(http, 404, OpenAiError.InvalidRequest, "unknown_route", $"No route named '{ChatCompletionsHandler.Truncate(route, 64)}' is configured.");
        }

        return handle(route);
    }

    // The Prometheus /metrics endpoint, OTLP trace export (when OTEL_EXPORTER_OTLP_ENDPOINT is
    // set) and ECS JSON console logs (src/LlmSecOps.Server/Telemetry) are registered here only.
    private static void ConfigureTelemetry(WebApplicationBuilder builder) => builder.AddLlmSecOpsTelemetry();

    private static void MapTelemetry(WebApplication app) => app.MapPrometheusMetrics("/metrics");
}
