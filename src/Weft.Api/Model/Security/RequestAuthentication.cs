using Weft.Api.Model.Meta;

namespace Weft.Api.Model.Security;

/// <summary>
/// security.istio.io RequestAuthentication: the JWTs the selected workloads accept. A request with
/// an invalid token is refused; one without a token is accepted unless an AuthorizationPolicy says otherwise.
/// </summary>
public sealed record RequestAuthentication : SpecObject<RequestAuthenticationSpec>;
