namespace Weft.Discovery.Telemetry;

/// <summary>A Telemetry API tracing custom tag: a literal, a request header (with a default) or an environment variable of the proxy.</summary>
public sealed record TraceTag
{
    public required string Name { get; init; }

    public string? Literal { get; init; }

    public string? Header { get; init; }

    public string? Environment { get; init; }

    public string? DefaultValue { get; init; }
}
