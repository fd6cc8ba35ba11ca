using System.Net;

namespace Weft.ControlPlane.Translation.Telemetry;

/// <summary>
/// Where a proxy sends its spans, as Istio picks a tracing provider: the provider named by the
/// most specific Telemetry resource's <c>tracing[].providers</c>, else MeshConfig
/// <c>defaultProviders.tracing</c>; the provider itself is one of MeshConfig's
/// <c>extensionProviders</c>. Weft's proxies export OTLP over HTTP, so an <c>opentelemetry</c>
/// provider with <c>http</c> (or neither http nor grpc) is used; other kinds export nothing.
/// The provider's <c>service</c> is resolved to an endpoint of that mesh service when one is
/// registered (proxies on one machine have no cluster DNS), and used as a host name otherwise.
/// </summary>
public static class TracingProviders
{
    /// <summary>The OTLP/HTTP URL for this workload's spans, or null when no usable provider is selected.</summary>
    public static string? Endpoint(PushContext push, string ns, IReadOnlyDictionary<string, string> labels, Action<string>? warn = null)
    {
        var name = Selected(push, ns, labels);
        if (name is null)
            return null;
        var provider = push.Mesh.ExtensionProviders?.FirstOrDefault(p => p.Name == name);
        if (provider is null)
        {
            warn?.Invoke($"tracing provider \"{name}\" is not one of MeshConfig's extensionProviders; no spans are exported");
            return null;
        }
        if (provider.Opentelemetry is not { Service: { Length: > 0 } service, Port: { } port } otel)
        {
            warn?.Invoke($"tracing provider \"{name}\" is not an opentelemetry provider with service and port; Weft's proxies export OTLP only");
            return null;
        }
        if (otel.Grpc is not null && otel.Http is null)
        {
            warn?.Invoke($"tracing provider \"{name}\" asks for OTLP over gRPC; Weft's proxies export OTLP over HTTP, so give it http: {{path: /v1/traces}}");
            return null;
        }
        var path = otel.Http?.Path is { Length: > 0 } p ? (p.StartsWith('/') ? p : "/" + p) : "/v1/traces";
        return $"http://{Authority(push, service, (int)port)}{path}";
    }

    /// <summary>The provider name that applies, most specific Telemetry level first, then the mesh default.</summary>
    public static string? Selected(PushContext push, string ns, IReadOnlyDictionary<string, string> labels)
    {
        string? name = null;
        foreach (var t in TelemetryPolicies.Levels(push, ns, labels))
            foreach (var tr in t.Spec?.Tracing ?? [])
                if (tr.Providers is { Count: > 0 } providers && providers[0].Name is { Length: > 0 } n)
                    name = n;
        return name ?? push.Mesh.DefaultProviders?.Tracing?.FirstOrDefault();
    }

    // Istio writes the service as "namespace/host" or as a host name.
    private static string Authority(PushContext push, string service, int port)
    {
        var slash = service.IndexOf('/', StringComparison.Ordinal);
        var host = slash >= 0 ? service[(slash + 1)..] : service;
        if (IPAddress.TryParse(host, out var ip))
            return ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{host}]:{port}" : $"{host}:{port}";
        var registered = push.Services.FirstOrDefault(s => string.Equals(s.Hostname, host, StringComparison.OrdinalIgnoreCase));
        if (registered is not null && push.Endpoints(registered, port) is { Length: > 0 } endpoints)
        {
            var e = endpoints.FirstOrDefault(x => x.Workload.Healthy) ?? endpoints[0];
            return $"{e.Address}:{e.Port}";
        }
        return $"{host}:{port}";
    }
}
