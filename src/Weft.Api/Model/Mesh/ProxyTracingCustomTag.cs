using Weft.Api.Binding;
using Weft.Api.Model.Telemetry;

namespace Weft.Api.Model.Mesh;

/// <summary>Tracing.CustomTag of the mesh: a literal, an environment variable or a request header (one of them).</summary>
[WireNullsAreAbsent]
public sealed record ProxyTracingCustomTag
{
    public LiteralTag? Literal { get; init; }
    public EnvironmentTag? Environment { get; init; }
    public RequestHeaderTag? Header { get; init; }
}
