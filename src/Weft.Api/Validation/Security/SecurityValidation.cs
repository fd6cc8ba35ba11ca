namespace Weft.Api.Validation.Security;

/// <summary>The semantic validators of this API group.</summary>
public static class SecurityValidation
{
    public static IEnumerable<IKindValidator> All => [];
}
