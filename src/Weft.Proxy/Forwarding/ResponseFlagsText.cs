using System.Text;

namespace Weft.Proxy.Forwarding;

/// <summary>Envoy's short tokens for response flags; "-" when none.</summary>
public static class ResponseFlagsText
{
    private static readonly (ResponseFlags Flag, string Token)[] Tokens =
    [
        (ResponseFlags.NoHealthyUpstream, "UH"),
        (ResponseFlags.UpstreamConnectionFailure, "UF"),
        (ResponseFlags.UpstreamOverflow, "UO"),
        (ResponseFlags.NoRouteFound, "NR"),
        (ResponseFlags.UpstreamRetryLimitExceeded, "URX"),
        (ResponseFlags.UpstreamRequestTimeout, "UT"),
        (ResponseFlags.DownstreamConnectionTermination, "DC"),
        (ResponseFlags.DelayInjected, "DI"),
        (ResponseFlags.FaultInjected, "FI"),
        (ResponseFlags.UpstreamConnectionTermination, "UC"),
        (ResponseFlags.UpstreamRemoteReset, "UR"),
        (ResponseFlags.NoClusterFound, "NC"),
        (ResponseFlags.LocalReset, "LR"),
    ];

    public static string Format(ResponseFlags flags)
    {
        if (flags == ResponseFlags.None)
            return "-";
        var sb = new StringBuilder();
        foreach (var (flag, token) in Tokens)
        {
            if ((flags & flag) == 0)
                continue;
            if (sb.Length > 0)
                sb.Append(',');
            sb.Append(token);
        }
        return sb.ToString();
    }
}
