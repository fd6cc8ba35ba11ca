using Weft.Api.Kinds;

namespace Weft.Api.Model.Maistra;

/// <summary>
/// maistra.io, the API of OpenShift Service Mesh 2. The member roll is typed and validated (it
/// says which namespaces are in the mesh); the control plane and member objects are stored as
/// written, so OSSM manifests apply unchanged.
/// </summary>
public static class MaistraKinds
{
    public const string Group = "maistra.io";

    public static IEnumerable<KindInfo> All =>
    [
        KindInfo.Of<ServiceMeshMemberRoll>(Group, "ServiceMeshMemberRoll", "servicemeshmemberrolls", ["v1"], ["smmr"], support: KindSupport.Validated),
        KindInfo.Stored(Group, "ServiceMeshMember", "servicemeshmembers", ["v1"], true, "smm"),
        KindInfo.Stored(Group, "ServiceMeshControlPlane", "servicemeshcontrolplanes", ["v2", "v1"], true, "smcp"),
        KindInfo.Stored(Group, "ServiceMeshExtension", "servicemeshextensions", ["v1"], true),
    ];
}
