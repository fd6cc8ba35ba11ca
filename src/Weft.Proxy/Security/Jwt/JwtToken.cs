using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Weft.Proxy.Security.Jwt;

/// <summary>
/// A compact JWS (<c>header.payload.signature</c>) parsed as Envoy's jwt_verify_lib does, each
/// malformed part refused with its own status. Owns the payload's <see cref="JsonDocument"/>
/// (claims are read from it by authorization): dispose it with the request.
/// </summary>
public sealed class JwtToken : IDisposable
{
    private JwtToken(string raw, int payloadStart, int signatureStart, JwtAlgorithm alg, string? kid, JsonDocument payload)
    {
        Raw = raw;
        PayloadStart = payloadStart;
        SignatureStart = signatureStart;
        Alg = alg;
        Kid = kid;
        Payload = payload;
    }

    public string Raw { get; }
    private int PayloadStart { get; }
    private int SignatureStart { get; }
    public JwtAlgorithm Alg { get; }
    public string? Kid { get; }
    public JsonDocument Payload { get; }
    public string Issuer { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string[] Audiences { get; private set; } = [];
    public string Presenter { get; private set; } = "";
    public long? Expires { get; private set; }
    public long? NotBefore { get; private set; }

    /// <summary>The payload segment as received (base64url), which Envoy forwards in the payload header.</summary>
    public ReadOnlySpan<char> PayloadSegment => Raw.AsSpan(PayloadStart, SignatureStart - 1 - PayloadStart);

    public static JwtStatus TryParse(string raw, out JwtToken? token)
    {
        token = null;
        var first = raw.IndexOf('.', StringComparison.Ordinal);
        var second = first < 0 ? -1 : raw.IndexOf('.', first + 1);
        if (first <= 0 || second < 0 || raw.IndexOf('.', second + 1) >= 0)
            return JwtStatus.BadFormat;

        JwtAlgorithm alg;
        string? kid = null;
        if (Decode(raw.AsSpan(0, first)) is not { } headerBytes)
            return JwtStatus.HeaderBadBase64;
        try
        {
            using var header = JsonDocument.Parse(headerBytes);
            if (header.RootElement.ValueKind != JsonValueKind.Object)
                return JwtStatus.HeaderBadJson;
            if (!header.RootElement.TryGetProperty("alg", out var a) || a.ValueKind != JsonValueKind.String)
                return JwtStatus.HeaderBadAlg;
            alg = JwtAlgorithms.Parse(a.GetString()!);
            if (alg == JwtAlgorithm.None)
                return JwtStatus.HeaderNotImplementedAlg;
            if (header.RootElement.TryGetProperty("kid", out var k))
            {
                if (k.ValueKind != JsonValueKind.String)
                    return JwtStatus.HeaderBadKid;
                kid = k.GetString();
            }
        }
        catch (JsonException)
        {
            return JwtStatus.HeaderBadJson;
        }

        if (Decode(raw.AsSpan(first + 1, second - first - 1)) is not { } payloadBytes)
            return JwtStatus.PayloadBadBase64;
        JsonDocument payload;
        try
        {
            payload = JsonDocument.Parse(payloadBytes);
        }
        catch (JsonException)
        {
            return JwtStatus.PayloadBadJson;
        }
        var t = new JwtToken(raw, first + 1, second + 1, alg, kid, payload);
        var status = t.ReadClaims();
        if (status == JwtStatus.Ok && !IsBase64Url(raw.AsSpan(second + 1)))
            status = JwtStatus.SignatureBadBase64;
        if (status != JwtStatus.Ok)
        {
            t.Dispose();
            return status;
        }
        token = t;
        return JwtStatus.Ok;
    }

    private JwtStatus ReadClaims()
    {
        var root = Payload.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
            return JwtStatus.PayloadBadJson;
        if (root.TryGetProperty("iss", out var iss))
        {
            if (iss.ValueKind != JsonValueKind.String)
                return JwtStatus.IssNotString;
            Issuer = iss.GetString()!;
        }
        if (root.TryGetProperty("sub", out var sub))
        {
            if (sub.ValueKind != JsonValueKind.String)
                return JwtStatus.SubNotString;
            Subject = sub.GetString()!;
        }
        if (root.TryGetProperty("iat", out var iat) && !Integer(iat, out _))
            return JwtStatus.IatNotInteger;
        if (root.TryGetProperty("nbf", out var nbf))
        {
            if (!Integer(nbf, out var value))
                return JwtStatus.NbfNotInteger;
            NotBefore = value;
        }
        if (root.TryGetProperty("exp", out var exp))
        {
            if (!Integer(exp, out var value))
                return JwtStatus.ExpNotInteger;
            Expires = value;
        }
        if (root.TryGetProperty("jti", out var jti) && jti.ValueKind != JsonValueKind.String)
            return JwtStatus.JtiNotString;
        if (root.TryGetProperty("aud", out var aud))
        {
            if (aud.ValueKind == JsonValueKind.String)
                Audiences = [aud.GetString()!];
            else if (aud.ValueKind == JsonValueKind.Array)
            {
                var list = new string[aud.GetArrayLength()];
                var i = 0;
                foreach (var a in aud.EnumerateArray())
                {
                    if (a.ValueKind != JsonValueKind.String)
                        return JwtStatus.AudNotString;
                    list[i++] = a.GetString()!;
                }
                Audiences = list;
            }
            else
                return JwtStatus.AudNotString;
        }
        if (root.TryGetProperty("azp", out var azp) && azp.ValueKind == JsonValueKind.String)
            Presenter = azp.GetString()!;
        return JwtStatus.Ok;
    }

    // TryGetInt64 throws on a string: a client's "exp": "tomorrow" must be a 401, not a crash.
    private static bool Integer(JsonElement e, out long value)
    {
        value = 0;
        return e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out value);
    }

    /// <summary>Envoy's time check: <c>nbf</c> and <c>exp</c> with 60 s of clock skew either way.</summary>
    public JwtStatus CheckTime(long now, long skewSeconds)
    {
        if (NotBefore is { } nbf && now + skewSeconds < nbf)
            return JwtStatus.NotYetValid;
        if (Expires is { } exp && now > exp + skewSeconds)
            return JwtStatus.Expired;
        return JwtStatus.Ok;
    }

    /// <summary>Checks the signature with the first fitting key that verifies it; no fitting key at all is a kid/alg mismatch.</summary>
    public JwtStatus VerifySignature(JwtKeySet keys)
    {
        if (keys.Keys.Length == 0)
            return JwtStatus.NoValidKeys;
        var signed = Raw.AsSpan(0, SignatureStart - 1);
        var signature = Raw.AsSpan(SignatureStart);
        var dataBuffer = ArrayPool<byte>.Shared.Rent(signed.Length);
        var sigBuffer = ArrayPool<byte>.Shared.Rent(Base64Url.GetMaxDecodedLength(signature.Length));
        try
        {
            var dataLength = Encoding.ASCII.GetBytes(signed, dataBuffer);
            if (Base64Url.DecodeFromChars(signature, sigBuffer, out _, out var sigLength) != OperationStatus.Done)
                return JwtStatus.SignatureBadBase64;
            var fitted = false;
            foreach (var key in keys.Keys)
            {
                if (!key.Fits(Alg, Kid))
                    continue;
                fitted = true;
                if (key.Verify(Alg, dataBuffer.AsSpan(0, dataLength), sigBuffer.AsSpan(0, sigLength)))
                    return JwtStatus.Ok;
            }
            return fitted ? JwtStatus.VerificationFail : JwtStatus.KidAlgMismatch;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(dataBuffer);
            ArrayPool<byte>.Shared.Return(sigBuffer);
        }
    }

    private static byte[]? Decode(ReadOnlySpan<char> segment)
    {
        if (!IsBase64Url(segment))
            return null;
        try
        {
            return Base64Url.DecodeFromChars(segment.TrimEnd('='));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool IsBase64Url(ReadOnlySpan<char> segment) => Base64Url.IsValid(segment.TrimEnd('='));

    public void Dispose() => Payload.Dispose();
}
