using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>Access logs sent to an OpenTelemetry collector over gRPC.</summary>
[WireNullsAreAbsent]
public sealed record EnvoyOpenTelemetryLogProvider
{
    public string? Service { get; init; }
    public uint? Port { get; init; }
    public string? LogName { get; init; }
    public OtelAccessLogFormat? LogFormat { get; init; }
}
