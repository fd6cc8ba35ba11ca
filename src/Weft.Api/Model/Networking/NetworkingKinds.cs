using Weft.Api.Kinds;

namespace Weft.Api.Model.Networking;

/// <summary>
/// The kinds of networking.istio.io, with the versions their CRDs serve (preferred first) and
/// kubectl's plural and short names. All served versions share one schema, so one type each.
/// </summary>
public static class NetworkingKinds
{
    public const string Group = "networking.istio.io";

    // A fresh array per kind: KindInfo keeps the list it is given.
    private static string[] V1Family => ["v1", "v1beta1", "v1alpha3"];

    public static IEnumerable<KindInfo> All =>
    [
        KindInfo.Of<VirtualService>(Group, "VirtualService", "virtualservices", V1Family, ["vs"]),
        KindInfo.Of<DestinationRule>(Group, "DestinationRule", "destinationrules", V1Family, ["dr"]),
        KindInfo.Of<Gateway>(Group, "Gateway", "gateways", V1Family, ["gw"], support: KindSupport.Acted),
        KindInfo.Of<ServiceEntry>(Group, "ServiceEntry", "serviceentries", V1Family, ["se"]),
        KindInfo.Of<WorkloadEntry>(Group, "WorkloadEntry", "workloadentries", V1Family, ["we"]),
        KindInfo.Of<WorkloadGroup>(Group, "WorkloadGroup", "workloadgroups", V1Family, ["wg"], support: KindSupport.Validated),
        KindInfo.Of<Sidecar>(Group, "Sidecar", "sidecars", V1Family, []),
        // Envoy's own objects are what EnvoyFilter patches; Weft's proxy has none, so it only validates them.
        KindInfo.Of<EnvoyFilter>(Group, "EnvoyFilter", "envoyfilters", ["v1alpha3"], [], support: KindSupport.Validated),
        KindInfo.Of<ProxyConfig>(Group, "ProxyConfig", "proxyconfigs", ["v1beta1"], [], support: KindSupport.Validated),
    ];
}
