using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>An OTLP trace receiver (gRPC, or HTTP when <see cref="Http"/> is set).</summary>
[WireNullsAreAbsent]
public sealed record OpenTelemetryTracingProvider
{
    public string? Service { get; init; }
    public uint? Port { get; init; }
    public uint? MaxTagLength { get; init; }

    /// <summary>Export over HTTP to this path instead of gRPC.</summary>
    public ProviderHttpService? Http { get; init; }

    /// <summary>gRPC export settings (not with <see cref="Http"/>).</summary>
    public ProviderGrpcService? Grpc { get; init; }

    public ResourceDetectors? ResourceDetectors { get; init; }
    public DynatraceSampler? DynatraceSampler { get; init; }
}
