namespace Weft.Api.Validation.Extensions;

/// <summary>The semantic validators of this API group.</summary>
public static class ExtensionsValidation
{
    public static IEnumerable<IKindValidator> All => [];
}
