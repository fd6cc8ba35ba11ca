using System.Text.Json;
using System.Text.Json.Nodes;

namespace Weft.Identity.Protocol;

/// <summary>What a workload sends: its CSR (PEM) and, optionally, the lifetime it wants.</summary>
public sealed record CertificateSigningMessage(string Csr, TimeSpan? Ttl)
{
    public string ToJson()
    {
        var json = new JsonObject { ["csr"] = Csr };
        if (Ttl is { } t)
            json["ttlSeconds"] = (long)t.TotalSeconds;
        return json.ToJsonString();
    }

    /// <exception cref="FormatException">Not JSON, or no <c>csr</c>; the message says which.</exception>
    public static CertificateSigningMessage Parse(ReadOnlySpan<byte> utf8)
    {
        JsonObject json;
        try
        {
            json = JsonNode.Parse(utf8) as JsonObject ?? throw new FormatException("the request body must be a JSON object {\"csr\": \"-----BEGIN CERTIFICATE REQUEST-----...\"}");
        }
        catch (JsonException e)
        {
            throw new FormatException($"the request body is not valid JSON: {e.Message}", e);
        }
        if (json["csr"] is not JsonValue csr || csr.GetValueKind() != JsonValueKind.String)
            throw new FormatException("the request has no \"csr\" (a PEM CERTIFICATE REQUEST string)");
        TimeSpan? ttl = null;
        if (json["ttlSeconds"] is JsonValue t)
        {
            if (t.GetValueKind() != JsonValueKind.Number || !t.TryGetValue<long>(out var seconds) || seconds <= 0)
                throw new FormatException("\"ttlSeconds\" must be a whole number of seconds, more than 0");
            ttl = TimeSpan.FromSeconds(seconds);
        }
        return new CertificateSigningMessage(csr.GetValue<string>(), ttl);
    }
}
