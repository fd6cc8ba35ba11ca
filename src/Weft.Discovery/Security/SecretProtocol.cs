using System.Text.Json.Serialization;

namespace Weft.Discovery.Security;

/// <summary>
/// The secret endpoint on the control plane's discovery server (istiod's SDS on 15012, as a
/// plain request beside the push stream): <c>GET /weft.secrets.v1/secrets/NAMESPACE/NAME</c>
/// answers a <see cref="TlsSecret"/> in JSON. Over TLS the workload certificate says who asks; a
/// proxy may read a TLS Secret of its own namespace, or of another where a ReferenceGrant lets
/// Gateways of its namespace read it, else 403. On the plaintext development listener the proxy
/// names its namespace in <see cref="NamespaceHeader"/> (believed, as everything there).
/// </summary>
public static class SecretProtocol
{
    public const string PathPrefix = "/weft.secrets.v1/secrets/";

    /// <summary>The namespace a proxy claims on the plaintext listener (no certificate to prove it).</summary>
    public const string NamespaceHeader = "x-weft-namespace";

    public static string PathOf(string name) => PathPrefix + name;
}

/// <summary>JSON of the secret endpoint, apart from the snapshot's context so a key can never serialize into a snapshot.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TlsSecret))]
public sealed partial class SecretJsonContext : JsonSerializerContext;
