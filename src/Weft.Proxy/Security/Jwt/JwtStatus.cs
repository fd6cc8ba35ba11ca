namespace Weft.Proxy.Security.Jwt;

/// <summary>
/// Why a token was refused, one value per failure of Envoy's jwt_authn filter; <see cref="JwtStatusText.Message"/>
/// gives the body Envoy answers with, so a client sees the same 401 from Weft as from Istio.
/// </summary>
public enum JwtStatus
{
    Ok,
    Missing,
    NotYetValid,
    Expired,
    BadFormat,
    HeaderBadBase64,
    HeaderBadJson,
    HeaderBadAlg,
    HeaderNotImplementedAlg,
    HeaderBadKid,
    PayloadBadBase64,
    PayloadBadJson,
    IssNotString,
    SubNotString,
    IatNotInteger,
    NbfNotInteger,
    ExpNotInteger,
    JtiNotString,
    AudNotString,
    SignatureBadBase64,
    UnknownIssuer,
    AudienceNotAllowed,
    VerificationFail,
    KidAlgMismatch,
    NoValidKeys,
}

public static class JwtStatusText
{
    /// <summary>The text of Envoy's jwt_verify_lib for each status (the 401 body).</summary>
    public static string Message(this JwtStatus status) => status switch
    {
        JwtStatus.Ok => "OK",
        JwtStatus.Missing => "Jwt is missing",
        JwtStatus.NotYetValid => "Jwt not yet valid",
        JwtStatus.Expired => "Jwt is expired",
        JwtStatus.BadFormat => "Jwt is not in the form of Header.Payload.Signature with two dots and 3 sections",
        JwtStatus.HeaderBadBase64 => "Jwt header is an invalid Base64url encoded",
        JwtStatus.HeaderBadJson => "Jwt header is an invalid JSON",
        JwtStatus.HeaderBadAlg => "Jwt header [alg] field is required and must be a string",
        JwtStatus.HeaderNotImplementedAlg => "Jwt header [alg] is not supported",
        JwtStatus.HeaderBadKid => "Jwt header [kid] field is not a string",
        JwtStatus.PayloadBadBase64 => "Jwt payload is an invalid Base64url encoded",
        JwtStatus.PayloadBadJson => "Jwt payload is an invalid JSON",
        JwtStatus.IssNotString => "Jwt payload [iss] field is not a string",
        JwtStatus.SubNotString => "Jwt payload [sub] field is not a string",
        JwtStatus.IatNotInteger => "Jwt payload [iat] field is not an integer",
        JwtStatus.NbfNotInteger => "Jwt payload [nbf] field is not an integer",
        JwtStatus.ExpNotInteger => "Jwt payload [exp] field is not an integer",
        JwtStatus.JtiNotString => "Jwt payload [jti] field is not a string",
        JwtStatus.AudNotString => "Jwt payload [aud] field is not a string or string list",
        JwtStatus.SignatureBadBase64 => "Jwt signature is an invalid Base64url encoded",
        JwtStatus.UnknownIssuer => "Jwt issuer is not configured",
        JwtStatus.AudienceNotAllowed => "Audiences in Jwt are not allowed",
        JwtStatus.VerificationFail => "Jwt verification fails",
        JwtStatus.KidAlgMismatch => "Jwks doesn't have key to match kid or alg from Jwt",
        JwtStatus.NoValidKeys => "Jwks doesn't have valid keys",
        _ => status.ToString(),
    };

    /// <summary>Envoy's %RESPONSE_CODE_DETAILS% for a refusal: <c>jwt_authn_access_denied{Jwt_is_expired}</c>.</summary>
    public static string Details(this JwtStatus status) => "jwt_authn_access_denied{" + status.Message().Replace(' ', '_') + "}";
}
