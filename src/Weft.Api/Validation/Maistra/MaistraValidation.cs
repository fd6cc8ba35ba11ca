namespace Weft.Api.Validation.Maistra;

/// <summary>The validators of maistra.io kinds: the member roll (the control plane and members are stored as written).</summary>
public static class MaistraValidation
{
    public static IEnumerable<IKindValidator> All => [new ServiceMeshMemberRollValidator()];
}
