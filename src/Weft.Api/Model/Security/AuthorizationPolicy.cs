using Weft.Api.Model.Meta;

namespace Weft.Api.Model.Security;

/// <summary>
/// security.istio.io AuthorizationPolicy: access control for the selected workloads. Evaluated
/// CUSTOM, then DENY, then ALLOW; a workload with any ALLOW policy denies what none allows.
/// </summary>
public sealed record AuthorizationPolicy : SpecObject<AuthorizationPolicySpec>;
