using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>Tracing.Lightstep (deprecated).</summary>
[WireNullsAreAbsent]
public sealed record TracingLightstep
{
    public string? Address { get; init; }
    public string? AccessToken { get; init; }
}
