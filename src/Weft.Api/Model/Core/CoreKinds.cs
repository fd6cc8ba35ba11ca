using Weft.Api.Kinds;

namespace Weft.Api.Model.Core;

/// <summary>The kinds of this API group known to Weft.</summary>
public static class CoreKinds
{
    public static IEnumerable<KindInfo> All => [];
}
