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
}
