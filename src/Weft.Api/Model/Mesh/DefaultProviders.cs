using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>MeshConfig.DefaultProviders: the extension providers Telemetry uses when it names none.</summary>
[WireNullsAreAbsent]
public sealed record DefaultProviders
{
    public IReadOnlyList<string>? Tracing { get; init; }
    public IReadOnlyList<string>? Metrics { get; init; }
    public IReadOnlyList<string>? AccessLogging { get; init; }
}
