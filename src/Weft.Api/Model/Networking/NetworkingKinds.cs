using Weft.Api.Kinds;

namespace Weft.Api.Model.Networking;

/// <summary>The kinds of this API group known to Weft.</summary>
public static class NetworkingKinds
{
    public static IEnumerable<KindInfo> All => [];
}
