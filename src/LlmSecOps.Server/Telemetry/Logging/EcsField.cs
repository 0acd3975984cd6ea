namespace LlmSecOps.Server.Telemetry.Logging;

/// <summary>Where a structured log value goes in the ECS document.</summary>
/// <param name="Name">The dotted ECS field name, e.g. <c>http.request.method</c> or <c>labels.route</c>.</param>
/// <param name="Kind">How the value is written.</param>
internal readonly record struct EcsField(string Name, EcsFieldKind Kind);
