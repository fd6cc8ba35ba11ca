using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>A Lightstep collector (deprecated; configured as OpenTelemetry).</summary>
[WireNullsAreAbsent]
public sealed record LightstepTracingProvider
{
    public string? Service { get; init; }
    public uint? Port { get; init; }
    public string? AccessToken { get; init; }
    public uint? MaxTagLength { get; init; }
}
