using Weft.Api.Kinds;

namespace Weft.Api.Model.GatewayApi;

/// <summary>
/// The kinds of the Kubernetes Gateway API (standard channel), with the versions, names and scope
/// their CRDs declare (<c>config/crd/standard</c>). Versions the CRDs keep but no longer serve
/// (TCPRoute and UDPRoute v1alpha2, TLSRoute v1alpha2/v1alpha3, BackendTLSPolicy v1alpha3) are
/// accepted too, after the served ones: manifests still in use are written against them (Istio's
/// tcp-echo sample, the Gateway API's own conformance tests), and their schemas are the served
/// version's with looser limits.
/// </summary>
public static class GatewayApiKinds
{
    public const string Group = GatewayApiDefaults.Group;

    public static IEnumerable<KindInfo> All =>
    [
        KindInfo.Of<GatewayClass>(Group, "GatewayClass", "gatewayclasses", ["v1", "v1beta1"], ["gc"], namespaced: false, support: KindSupport.Acted),
        KindInfo.Of<Gateway>(Group, "Gateway", "gateways", ["v1", "v1beta1"], ["gtw"], support: KindSupport.Acted),
        KindInfo.Of<HTTPRoute>(Group, "HTTPRoute", "httproutes", ["v1", "v1beta1"], [], support: KindSupport.Acted),
        KindInfo.Of<GRPCRoute>(Group, "GRPCRoute", "grpcroutes", ["v1"], [], support: KindSupport.Acted),
        KindInfo.Of<ReferenceGrant>(Group, "ReferenceGrant", "referencegrants", ["v1", "v1beta1"], ["refgrant"], support: KindSupport.Acted),
        KindInfo.Of<TCPRoute>(Group, "TCPRoute", "tcproutes", ["v1", "v1alpha2"], [], support: KindSupport.Acted),
        KindInfo.Of<TLSRoute>(Group, "TLSRoute", "tlsroutes", ["v1", "v1alpha3", "v1alpha2"], [], support: KindSupport.Acted),
        KindInfo.Of<UDPRoute>(Group, "UDPRoute", "udproutes", ["v1", "v1alpha2"], [], support: KindSupport.Validated),
        KindInfo.Of<BackendTLSPolicy>(Group, "BackendTLSPolicy", "backendtlspolicies", ["v1", "v1alpha3"], ["btlspolicy"], support: KindSupport.Validated),
        KindInfo.Of<ListenerSet>(Group, "ListenerSet", "listenersets", ["v1"], ["lset"], support: KindSupport.Validated),
    ];
}
