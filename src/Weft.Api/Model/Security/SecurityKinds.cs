using Weft.Api.Kinds;

namespace Weft.Api.Model.Security;

/// <summary>The kinds of this API group known to Weft.</summary>
public static class SecurityKinds
{
    public static IEnumerable<KindInfo> All => [];
}
