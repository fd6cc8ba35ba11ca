namespace Weft.Proxy.Forwarding;

/// <summary>The bodies Envoy sends when it answers itself; clients and tests match these exact texts.</summary>
public static class LocalReplies
{
    public const string NoHealthyUpstream = "no healthy upstream";
    public const string UpstreamTimeout = "upstream request timeout";
    public const string FaultAbort = "fault filter abort";
    public const string ResetPrefix = "upstream connect error or disconnect/reset before headers. reset reason: ";
    public const string ConnectionFailure = ResetPrefix + "connection failure";
    public const string ConnectionTermination = ResetPrefix + "connection termination";
    public const string Overflow = ResetPrefix + "overflow";
    public const string RemoteReset = ResetPrefix + "remote reset";
    public const string RemoteRefusedStreamReset = ResetPrefix + "remote refused stream reset";

    /// <summary>
    /// REGISTRY_ONLY's refusal. Envoy sends an empty 502 here; we name the host and the fix,
    /// because "502 from my own sidecar" is the first thing users meet after turning it on.
    /// </summary>
    public static string BlackHole(string host) =>
        $"no route to \"{host}\": it is not a registered service and the outbound traffic policy is REGISTRY_ONLY (BlackHoleCluster); a ServiceEntry for it makes it reachable";
}
