namespace Weft.Api.Validation.Core;

/// <summary>The semantic validators of this API group.</summary>
public static class CoreValidation
{
    public static IEnumerable<IKindValidator> All => [];
}
