using Weft.Api.Kinds;

namespace Weft.Api.Model.Maistra;

/// <summary>The kinds of this API group known to Weft.</summary>
public static class MaistraKinds
{
    public static IEnumerable<KindInfo> All => [];
}
