namespace Weft.Api.Validation.Maistra;

/// <summary>The semantic validators of this API group.</summary>
public static class MaistraValidation
{
    public static IEnumerable<IKindValidator> All => [];
}
