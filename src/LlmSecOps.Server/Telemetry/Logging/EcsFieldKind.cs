namespace LlmSecOps.Server.Telemetry.Logging;

/// <summary>How a structured log value is written into its ECS field.</summary>
internal enum EcsFieldKind
{
    /// <summary>A field of the Elastic Common Schema, written with the value's JSON type.</summary>
    Field,

    /// <summary>A field holding milliseconds that ECS keeps in nanoseconds (<c>event.duration</c>).</summary>
    MillisecondsAsNanoseconds,

    /// <summary>Free-form state under <c>labels.*</c>, written as a string (ECS labels are keywords).</summary>
    Label,

    /// <summary>A name that suggests a secret or a body: the value is replaced, never written.</summary>
    Redacted,
}
