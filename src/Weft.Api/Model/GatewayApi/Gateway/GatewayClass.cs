using Weft.Api.Model.Meta;

namespace Weft.Api.Model.GatewayApi;

/// <summary>gateway.networking.k8s.io GatewayClass: a kind of Gateway, implemented by one controller (cluster-scoped).</summary>
public sealed record GatewayClass : SpecObject<GatewayClassSpec>;

public sealed record GatewayClassSpec
{
    /// <summary>The controller that implements the class, a domain-prefixed path (<c>istio.io/gateway-controller</c>).</summary>
    public string? ControllerName { get; init; }

    public ParametersReference? ParametersRef { get; init; }

    public string? Description { get; init; }
}
