using Weft.Api.Binding;

namespace Weft.Api.Model.Extensions;

/// <summary>WasmPlugin PluginPhase: where in the filter chain a plugin runs.</summary>
[WireCase(WireCase.UpperSnake)]
public enum PluginPhase
{
    /// <summary>At the end of the chain, just before the router.</summary>
    UnspecifiedPhase,
    /// <summary>Before Istio's authentication filters.</summary>
    Authn,
    /// <summary>Before Istio's authorization filters, after authentication.</summary>
    Authz,
    /// <summary>Before Istio's stats filters, after authorization.</summary>
    Stats,
}
