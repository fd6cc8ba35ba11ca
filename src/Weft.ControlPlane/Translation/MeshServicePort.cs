using Weft.Api.Model.Networking;

namespace Weft.ControlPlane.Translation;

/// <summary>
/// A service port. <see cref="TargetPort"/> is the core Service's targetPort (a number, or a
/// name looked up in a WorkloadEntry's ports) or the ServiceEntry's targetPort; null: the port itself.
/// </summary>
public sealed record MeshServicePort(string Name, int Port, PortProtocol Protocol, string? TargetPort)
{
    /// <summary>Istio's protocol sniffing case: neither the name nor appProtocol said what it is.</summary>
    public bool AutoDetect => Protocol == PortProtocol.Unsupported;

    public bool IsHttp => Protocol.IsHttp() || AutoDetect;

    /// <summary>Raw-byte services reached through CONNECT (tcp routes), and sniffed ones that may be either.</summary>
    public bool IsTcp => !Protocol.IsHttp() && !Protocol.IsTls();

    public bool IsTls => Protocol.IsTls();
}
