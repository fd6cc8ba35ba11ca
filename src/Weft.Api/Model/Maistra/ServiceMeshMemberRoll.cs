using Weft.Api.Model.Core;
using Weft.Api.Model.Meta;

namespace Weft.Api.Model.Maistra;

/// <summary>
/// maistra.io/v1 ServiceMeshMemberRoll (OpenShift Service Mesh 2): the namespaces that belong to
/// the mesh of the control plane in this namespace, by name or by label. There is one per mesh,
/// named <c>default</c>.
/// </summary>
public sealed record ServiceMeshMemberRoll : SpecObject<ServiceMeshMemberRollSpec>
{
    /// <summary>The only name a member roll may have.</summary>
    public const string RequiredName = "default";
}

public sealed record ServiceMeshMemberRollSpec
{
    /// <summary>Member namespaces by name; <c>*</c> alone means every namespace.</summary>
    public IReadOnlyList<string>? Members { get; init; }

    /// <summary>Member namespaces by label.</summary>
    public IReadOnlyList<LabelSelector>? MemberSelectors { get; init; }

    public bool IsClusterScoped => Members is ["*"];
}
