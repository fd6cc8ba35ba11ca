using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>EnvoyFilter.PatchContext: which proxies and directions a patch applies to.</summary>
[WireCase(WireCase.UpperSnake)]
public enum EnvoyFilterPatchContext
{
    Any,
    SidecarInbound,
    SidecarOutbound,
    Gateway,
    Waypoint,
}
