using Weft.Api.Model.Istio;

namespace Weft.Api.Model.Security;

/// <summary>istio.security.v1beta1.RequestAuthentication.</summary>
public sealed record RequestAuthenticationSpec
{
    public WorkloadSelector? Selector { get; init; }
    public PolicyTargetReference? TargetRef { get; init; }
    public IReadOnlyList<PolicyTargetReference>? TargetRefs { get; init; }
    public IReadOnlyList<JwtRule>? JwtRules { get; init; }
}
