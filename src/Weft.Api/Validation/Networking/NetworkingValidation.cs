namespace Weft.Api.Validation.Networking;

/// <summary>The semantic validators of this API group.</summary>
public static class NetworkingValidation
{
    public static IEnumerable<IKindValidator> All => [];
}
