namespace Weft.Api.Validation.GatewayApi;

/// <summary>The validators of the Gateway API kinds: each applies its CRD's schema limits and CEL rules.</summary>
public static class GatewayApiValidation
{
    public static IEnumerable<IKindValidator> All =>
    [
        new GatewayClassValidator(),
        new GatewayValidator(),
        new HTTPRouteValidator(),
        new GRPCRouteValidator(),
        new ReferenceGrantValidator(),
        new TCPRouteValidator(),
        new TLSRouteValidator(),
        new UDPRouteValidator(),
        new BackendTLSPolicyValidator(),
        new ListenerSetValidator(),
    ];
}
