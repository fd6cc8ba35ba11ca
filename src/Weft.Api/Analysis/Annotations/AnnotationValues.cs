using System.Globalization;
using System.Net;

namespace Weft.Api.Analysis.Annotations;

/// <summary>
/// The values the injector accepts for the annotations it reads; a check returns why a value is
/// refused, or null when it is accepted.
/// </summary>
internal static class AnnotationValues
{
    public static string? Check(string annotation, string value) => annotation switch
    {
        IstioAnnotations.InterceptionMode => value is "REDIRECT" or "TPROXY" or "NONE" ? null : $"\"{value}\" is not one of REDIRECT, TPROXY, NONE",
        "sidecar.istio.io/enableCoreDump" or "prometheus.istio.io/merge-metrics" => bool.TryParse(value, out _) ? null : $"\"{value}\" is not true or false",
        "status.sidecar.istio.io/port" => Port(value, allowZero: true),
        "readiness.status.sidecar.istio.io/initialDelaySeconds" or "readiness.status.sidecar.istio.io/periodSeconds"
            or "readiness.status.sidecar.istio.io/failureThreshold" => UInt32(value),
        IstioAnnotations.IncludeOutboundIPRanges or "traffic.sidecar.istio.io/excludeOutboundIPRanges" => Cidrs(value),
        IstioAnnotations.IncludeInboundPorts or IstioAnnotations.ExcludeInboundPorts
            or "traffic.sidecar.istio.io/includeOutboundPorts" or "traffic.sidecar.istio.io/excludeOutboundPorts" => Ports(value),
        _ => null,
    };

    private static string? UInt32(string value) =>
        uint.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? null : $"\"{value}\" is not an unsigned 32-bit integer";

    private static string? Port(string value, bool allowZero) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p <= 65535 && (allowZero || p > 0)
            ? null : $"\"{value}\" is not a port number";

    /// <summary><c>*</c>, or a comma-separated list of ports.</summary>
    private static string? Ports(string value)
    {
        if (value.Trim() == "*")
            return null;
        foreach (var p in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            if (Port(p, allowZero: false) is { } problem)
                return problem;
        return null;
    }

    /// <summary><c>*</c>, or a comma-separated list of CIDR ranges.</summary>
    private static string? Cidrs(string value)
    {
        if (value.Trim() == "*")
            return null;
        foreach (var c in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            if (!IPNetwork.TryParse(c, out _))
                return $"\"{c}\" is not an IP range in CIDR form";
        return null;
    }
}
