using Weft.Api.Model.Istio;

namespace Weft.Api.Model.Security;

/// <summary>istio.security.v1beta1.AuthorizationPolicy (the spec of the kind).</summary>
public sealed record AuthorizationPolicySpec
{
    /// <summary>The workloads the policy applies to; absent means every workload of the namespace (or the mesh, in the root namespace).</summary>
    public WorkloadSelector? Selector { get; init; }

    /// <summary>A Gateway API resource the policy attaches to instead of a selector.</summary>
    public PolicyTargetReference? TargetRef { get; init; }

    public IReadOnlyList<PolicyTargetReference>? TargetRefs { get; init; }

    /// <summary>The rules; a request matching any of them triggers the action. Absent with ALLOW matches nothing.</summary>
    public IReadOnlyList<AuthorizationRule>? Rules { get; init; }

    /// <summary>Absent means ALLOW.</summary>
    public AuthorizationPolicyAction? Action { get; init; }

    /// <summary>The extension provider of a CUSTOM action (MeshConfig extensionProviders).</summary>
    public AuthorizationProvider? Provider { get; init; }
}
