namespace Weft.Api.Validation.Networking;

/// <summary>The semantic validators of networking.istio.io: one per kind.</summary>
public static class NetworkingValidation
{
    public static IEnumerable<IKindValidator> All =>
    [
        new VirtualServiceValidator(),
        new DestinationRuleValidator(),
        new GatewayValidator(),
        new ServiceEntryValidator(),
        new WorkloadEntryValidator(),
        new WorkloadGroupValidator(),
        new SidecarValidator(),
        new EnvoyFilterValidator(),
        new ProxyConfigValidator(),
    ];
}
