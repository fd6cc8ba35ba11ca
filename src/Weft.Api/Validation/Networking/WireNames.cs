using Weft.Api.Binding;
using Weft.Api.Documents;

namespace Weft.Api.Validation.Networking;

/// <summary>How an enum value is spelled in manifests (<c>DNS_ROUND_ROBIN</c>), for messages.</summary>
internal static class WireNames
{
    public static string Of<T>(T value) where T : struct, Enum => ((ScalarNode)Binder.Write(value)).Value;
}
