using Weft.Api.Binding;

namespace Weft.Api.Model.Security;

/// <summary>JWTRule.Presence: whether a token must be present.</summary>
[WireCase(WireCase.UpperSnake)]
public enum JwtPresence
{
    /// <summary>Requests without a token pass this rule (the default).</summary>
    Optional,
    /// <summary>Requests without a token are refused with 401.</summary>
    Required,
}
