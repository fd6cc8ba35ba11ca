namespace Weft.Api.Model.GatewayApi;

/// <summary>Values the Gateway API's CRDs default when a field is left out.</summary>
public static class GatewayApiDefaults
{
    /// <summary>The API group of the Gateway API itself, the default group of parent and route kinds.</summary>
    public const string Group = "gateway.networking.k8s.io";

    /// <summary>The default weight of a backendRef.</summary>
    public const int Weight = 1;
}
