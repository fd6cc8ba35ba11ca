using Weft.Api.Kinds;

namespace Weft.Api.Model.Extensions;

/// <summary>The kinds of this API group known to Weft.</summary>
public static class ExtensionsKinds
{
    public static IEnumerable<KindInfo> All => [];
}
