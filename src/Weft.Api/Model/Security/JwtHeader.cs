namespace Weft.Api.Model.Security;

/// <summary>JWTHeader: a header carrying a token, and the prefix (<c>Bearer </c>) stripped before decoding.</summary>
public sealed record JwtHeader
{
    public string? Name { get; init; }
    public string? Prefix { get; init; }
}
