using Weft.Api.Model.Meta;

namespace Weft.Api.Model.Security;

/// <summary>security.istio.io PeerAuthentication: whether the selected workloads accept plaintext, mTLS, or both.</summary>
public sealed record PeerAuthentication : SpecObject<PeerAuthenticationSpec>;
