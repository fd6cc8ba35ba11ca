using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Weft.Identity.Protocol;

/// <summary>What the CA answers: the identity certified, the chain (certificate first, no root) and the roots to trust.</summary>
public sealed record CertificateMessage(string Identity, string CertificateChain, string TrustBundle, DateTimeOffset ExpiresAt)
{
    public string ToJson() => new JsonObject
    {
        ["identity"] = Identity,
        ["certificateChain"] = CertificateChain,
        ["trustBundle"] = TrustBundle,
        ["expiresAt"] = ExpiresAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
    }.ToJsonString();

    /// <exception cref="FormatException">Not the answer's shape.</exception>
    public static CertificateMessage Parse(string json)
    {
        try
        {
            var o = JsonNode.Parse(json) as JsonObject ?? throw new FormatException("the CA's answer is not a JSON object");
            string Field(string name) => (string?)o[name] ?? throw new FormatException($"the CA's answer has no \"{name}\"");
            return new CertificateMessage(Field("identity"), Field("certificateChain"), Field("trustBundle"),
                DateTimeOffset.Parse(Field("expiresAt"), CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new FormatException($"the CA's answer is not JSON of the expected shape: {e.Message}", e);
        }
    }
}
