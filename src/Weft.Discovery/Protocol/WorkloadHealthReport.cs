namespace Weft.Discovery.Protocol;

/// <summary>
/// What a sidecar's WorkloadGroup probe last concluded about its application (Istio's agent
/// sends the same on its xDS stream as an <c>istio.io/health</c> request): the control plane
/// turns it into the WorkloadEntry's <c>Healthy</c> condition. <see cref="Message"/> says why.
/// </summary>
public sealed record WorkloadHealthReport(bool Healthy, string Message, DateTimeOffset At);
