using Weft.Api.Binding;

namespace Weft.Api.Model.Extensions;

/// <summary>TrafficExtension's phase: the same positions as <see cref="PluginPhase"/>, with its own unset value.</summary>
[WireCase(WireCase.UpperSnake)]
public enum TrafficExtensionPhase
{
    Unspecified,
    Authn,
    Authz,
    Stats,
}
