using Weft.Api.Model.Networking;

namespace Weft.ControlPlane.Translation;

/// <summary>Istio's protocol selection for a core Service port: appProtocol, else the port name's prefix.</summary>
public static class PortProtocolOf
{
    public static PortProtocol ServicePort(string? name, string? appProtocol, string? l4Protocol)
    {
        if (string.Equals(l4Protocol, "UDP", StringComparison.OrdinalIgnoreCase))
            return PortProtocol.Udp;
        if (!string.IsNullOrEmpty(appProtocol))
        {
            // Kubernetes' standard application protocols, as Istio reads them.
            var p = appProtocol switch
            {
                "kubernetes.io/h2c" => PortProtocol.Http2,
                "kubernetes.io/ws" or "kubernetes.io/wss" => PortProtocol.Http,
                _ => PortProtocols.Parse(appProtocol),
            };
            if (p != PortProtocol.Unsupported)
                return p;
        }
        if (string.IsNullOrEmpty(name))
            return PortProtocol.Unsupported;
        var dash = name.IndexOf('-', StringComparison.Ordinal);
        return PortProtocols.Parse(dash < 0 ? name : name[..dash]);
    }
}
