namespace Weft.Proxy.Security.Jwt;

/// <summary>
/// The outcome of a request's tokens: <see cref="JwtStatus.Ok"/> with the first verified token's
/// claims (null when the request carried none), or the status that refuses it with 401.
/// </summary>
public readonly record struct JwtResult(JwtStatus Status, JwtClaims? Claims, string? Provider)
{
    public static readonly JwtResult NoToken = new(JwtStatus.Ok, null, null);

    public bool Ok => Status == JwtStatus.Ok;
}
