namespace Weft.Api.Model.Telemetry;

/// <summary>Tracing.Environment: a tag read from the proxy's environment variable.</summary>
public sealed record EnvironmentTag
{
    public string? Name { get; init; }
    public string? DefaultValue { get; init; }
}
