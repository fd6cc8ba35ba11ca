namespace Weft.Api.Validation.GatewayApi;

/// <summary>The semantic validators of this API group.</summary>
public static class GatewayApiValidation
{
    public static IEnumerable<IKindValidator> All => [];
}
