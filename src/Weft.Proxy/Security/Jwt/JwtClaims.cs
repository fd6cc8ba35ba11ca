using System.Collections.Frozen;
using System.Text.Json;

namespace Weft.Proxy.Security.Jwt;

/// <summary>
/// What a verified token tells authorization (Istio's request.auth.*): the request principal
/// <c>iss/sub</c>, the audiences, the presenter (<c>azp</c>) and every claim, nested ones by
/// path. Claims listed as space-delimited (<c>scope</c>, <c>permission</c> and the rule's own)
/// are split into values, as Envoy normalizes them.
/// </summary>
public sealed class JwtClaims(JwtToken token, FrozenSet<string> spaceDelimited)
{
    public string RequestPrincipal { get; } = token.Issuer + "/" + token.Subject;

    public string[] Audiences => token.Audiences;

    public string Presenter => token.Presenter;

    public JsonElement Payload => token.Payload.RootElement;

    /// <summary>The string values of the claim at <paramref name="path"/> (a string, or the strings of a list); empty when absent or of another type.</summary>
    public string[] Values(string[] path)
    {
        var e = Payload;
        foreach (var name in path)
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out e))
                return [];
        switch (e.ValueKind)
        {
            case JsonValueKind.String:
                var s = e.GetString()!;
                return path.Length == 1 && spaceDelimited.Contains(path[0]) ? s.Split(' ', StringSplitOptions.RemoveEmptyEntries) : [s];
            case JsonValueKind.Array:
                var list = new List<string>(e.GetArrayLength());
                foreach (var item in e.EnumerateArray())
                    if (item.ValueKind == JsonValueKind.String)
                        list.Add(item.GetString()!);
                return [.. list];
            default:
                return [];
        }
    }

    /// <summary>The header value Envoy's claim_to_headers gives a claim (nested as <c>a.b</c>): strings as they are, numbers and booleans as text, lists joined by commas; null when absent or an object.</summary>
    public string? HeaderValue(string[] path)
    {
        var e = Payload;
        foreach (var name in path)
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out e))
                return null;
        return Scalar(e) ?? (e.ValueKind == JsonValueKind.Array ? string.Join(',', e.EnumerateArray().Select(Scalar).Where(v => v is not null)) : null);
    }

    private static string? Scalar(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => e.GetRawText(),
        _ => null,
    };
}
