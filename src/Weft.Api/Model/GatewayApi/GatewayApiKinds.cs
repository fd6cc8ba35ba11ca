using Weft.Api.Kinds;

namespace Weft.Api.Model.GatewayApi;

/// <summary>The kinds of this API group known to Weft.</summary>
public static class GatewayApiKinds
{
    public static IEnumerable<KindInfo> All => [];
}
