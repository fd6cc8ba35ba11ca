using Weft.Api.Model.Istio;

namespace Weft.Api.Model.Extensions;

/// <summary>WasmPlugin.TrafficSelector: the traffic a plugin applies to (direction and ports).</summary>
public sealed record TrafficSelector
{
    public WorkloadMode? Mode { get; init; }

    /// <summary>Destination ports; numbers unique.</summary>
    public IReadOnlyList<PortSelector>? Ports { get; init; }
}
