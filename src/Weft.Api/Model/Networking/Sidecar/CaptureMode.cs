using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>How traffic reaches a sidecar listener: the default, iptables redirection, or explicitly.</summary>
[WireCase(WireCase.UpperSnake)]
public enum CaptureMode
{
    Default,
    Iptables,
    None,
}
