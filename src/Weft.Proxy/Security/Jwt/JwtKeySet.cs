using System.Buffers.Text;
using System.Collections.Immutable;
using System.Text.Json;

namespace Weft.Proxy.Security.Jwt;

/// <summary>
/// A JSON Web Key Set imported once per snapshot. RSA and EC keys are kept; a key of another type
/// (oct, OKP) or one that cannot be imported is left out and said why in <see cref="Problems"/>,
/// as Envoy skips keys it cannot use. No usable key at all refuses every token.
/// </summary>
public sealed class JwtKeySet
{
    public static readonly JwtKeySet Empty = new([], []);

    private JwtKeySet(JwtKey[] keys, ImmutableArray<string> problems) => (Keys, Problems) = (keys, problems);

    public JwtKey[] Keys { get; }

    public ImmutableArray<string> Problems { get; }

    public static JwtKeySet Parse(string jwks)
    {
        if (string.IsNullOrWhiteSpace(jwks))
            return new([], ["the key set is empty"]);
        var keys = new List<JwtKey>();
        var problems = ImmutableArray.CreateBuilder<string>();
        try
        {
            using var doc = JsonDocument.Parse(jwks);
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("keys", out var list) || list.ValueKind != JsonValueKind.Array)
                return new([], ["a JSON Web Key Set is an object with a \"keys\" array"]);
            var i = 0;
            foreach (var key in list.EnumerateArray())
            {
                try
                {
                    if (Import(key) is { } k)
                        keys.Add(k);
                    else
                        problems.Add($"keys[{i}]: kty \"{Text(key, "kty")}\" is not supported (RSA and EC are)");
                }
                catch (Exception e) when (e is FormatException or ArgumentException or System.Security.Cryptography.CryptographicException or InvalidOperationException)
                {
                    problems.Add($"keys[{i}]: {e.Message}");
                }
                i++;
            }
        }
        catch (JsonException e)
        {
            return new([], ["the key set is not JSON: " + e.Message]);
        }
        return new([.. keys], problems.ToImmutable());
    }

    private static JwtKey? Import(JsonElement key)
    {
        if (key.ValueKind != JsonValueKind.Object)
            throw new FormatException("a key is a JSON object");
        var kid = Text(key, "kid");
        var alg = Text(key, "alg") is { } a ? JwtAlgorithms.Parse(a) : JwtAlgorithm.None;
        switch (Text(key, "kty"))
        {
            case "RSA":
                return JwtKey.Rsa(kid, alg, Bytes(key, "n"), Bytes(key, "e"));
            case "EC":
                return JwtKey.Ec(kid, alg, Text(key, "crv") ?? throw new FormatException("an EC key names its curve (crv)"), Bytes(key, "x"), Bytes(key, "y"));
            default:
                return null;
        }
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static byte[] Bytes(JsonElement e, string name)
    {
        var text = Text(e, name) ?? throw new FormatException($"the key has no \"{name}\"");
        return Base64Url.DecodeFromChars(text.TrimEnd('='));
    }
}
