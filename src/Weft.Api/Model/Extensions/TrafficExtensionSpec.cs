using Weft.Api.Model.Istio;

namespace Weft.Api.Model.Extensions;

/// <summary>istio.extensions.v1alpha1.TrafficExtension: exactly one of <see cref="Wasm"/> and <see cref="Lua"/>.</summary>
public sealed record TrafficExtensionSpec
{
    public WorkloadSelector? Selector { get; init; }
    public IReadOnlyList<PolicyTargetReference>? TargetRefs { get; init; }
    public TrafficExtensionPhase? Phase { get; init; }

    /// <summary>Order among extensions of the same phase; higher runs first.</summary>
    public int? Priority { get; init; }

    public IReadOnlyList<TrafficSelector>? Match { get; init; }
    public WasmConfig? Wasm { get; init; }
    public LuaConfig? Lua { get; init; }
}
