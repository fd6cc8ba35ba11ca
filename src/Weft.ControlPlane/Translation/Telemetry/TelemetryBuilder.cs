using System.Collections.Immutable;
using System.Globalization;
using Weft.Discovery.Clusters;
using Weft.Discovery.Telemetry;

namespace Weft.ControlPlane.Translation.Telemetry;

/// <summary>
/// A proxy's telemetry slot: every metric label value that comes from config, computed once per
/// snapshot so the proxy only picks them (Istio's stats plugin reads the same facts from node and
/// endpoint metadata): the proxy's own workload, the workload behind every endpoint address it
/// may call, the service of every cluster, and where its application serves metrics to merge.
/// </summary>
public static class TelemetryBuilder
{
    /// <summary>Istio's CLUSTER_ID when none is configured.</summary>
    public const string DefaultCluster = "Kubernetes";

    public const string ScrapeAnnotation = "prometheus.io/scrape";
    public const string PortAnnotation = "prometheus.io/port";
    public const string PathAnnotation = "prometheus.io/path";

    public static TelemetryConfig Build(ProxyBuild b, ImmutableArray<Cluster> clusters) =>
        Build(b, Peers(b), [.. OutboundServices(b, clusters), .. InboundServices(b)]);

    /// <summary>The telemetry slot around the peers and outbound cluster services of a shared <see cref="OutboundPart"/>.</summary>
    public static TelemetryConfig Build(ProxyBuild b, OutboundPart outbound) =>
        Build(b, outbound.Peers, [.. outbound.ClusterServices, .. InboundServices(b)]);

    private static TelemetryConfig Build(ProxyBuild b, ImmutableArray<PeerTelemetry> peers, ImmutableArray<ClusterTelemetry> services)
    {
        var self = b.Self;
        var labels = self?.Labels ?? b.Node.Labels;
        var config = new TelemetryConfig
        {
            Self = Peer(b, "", self?.Name ?? b.Node.Name, b.Node.Namespace, labels, self?.ServiceAccount ?? b.Node.ServiceAccount),
            Peers = peers,
            Clusters = services,
            AppMetrics = AppMetrics(b),
            // MeshConfig defaultConfig.tracing.sampling is the mesh-wide rate Telemetry resources override.
            TraceSamplingPercent = b.Push.Mesh.DefaultConfig?.Tracing?.Sampling is { } sampling ? Math.Clamp(sampling, 0, 100) : new TelemetryConfig().TraceSamplingPercent,
        };
        return TelemetryPolicies.Apply(config, b.Push, b.Node.Namespace, labels) with
        {
            TracingEndpoint = TracingProviders.Endpoint(b.Push, b.Node.Namespace, labels),
        };
    }

    public static PeerTelemetry Peer(ProxyBuild b, string address, string workload, string ns, IReadOnlyDictionary<string, string> labels, string serviceAccount)
    {
        var app = labels.GetValueOrDefault("app") ?? labels.GetValueOrDefault("app.kubernetes.io/name");
        var version = labels.GetValueOrDefault("version") ?? labels.GetValueOrDefault("app.kubernetes.io/version");
        return new PeerTelemetry
        {
            Address = address,
            Workload = workload,
            Namespace = ns,
            App = app ?? "unknown",
            Version = version ?? "unknown",
            CanonicalService = labels.GetValueOrDefault("service.istio.io/canonical-name") ?? app ?? workload,
            CanonicalRevision = labels.GetValueOrDefault("service.istio.io/canonical-revision") ?? version ?? "latest",
            Principal = $"spiffe://{b.Push.TrustDomain}/ns/{ns}/sa/{serviceAccount}",
            Cluster = DefaultCluster,
        };
    }

    // The workloads behind the endpoints of every service the proxy sees, one per address (a
    // workload serving several ports is one peer). Shared per OutboundPart key.
    public static ImmutableArray<PeerTelemetry> Peers(ProxyBuild b)
    {
        var byAddress = new SortedDictionary<string, PeerTelemetry>(StringComparer.Ordinal);
        foreach (var (service, port) in b.OutboundPorts())
        {
            foreach (var e in b.Push.Endpoints(service, port.Port))
            {
                var w = e.Workload;
                if (!byAddress.ContainsKey(w.Address))
                    byAddress[w.Address] = Peer(b, w.Address, w.Name, w.Namespace, w.Labels, w.ServiceAccount);
            }
        }
        return [.. byAddress.Values];
    }

    /// <summary>The service of every cluster that has one (outbound clusters; shared per OutboundPart key).</summary>
    public static ImmutableArray<ClusterTelemetry> OutboundServices(ProxyBuild b, ImmutableArray<Cluster> clusters)
    {
        var result = ImmutableArray.CreateBuilder<ClusterTelemetry>();
        var byName = new Dictionary<(string Host, string Ns), MeshService>();
        foreach (var s in b.Push.Services)
            byName.TryAdd((s.Hostname, s.Namespace), s);
        foreach (var c in clusters)
        {
            if (c.ServiceName.Length == 0)
                continue;
            var service = byName.GetValueOrDefault((c.ServiceName, c.ServiceNamespace)) ?? b.FindService(c.ServiceName);
            result.Add(new ClusterTelemetry
            {
                Cluster = c.Name,
                Service = c.ServiceName,
                // Istio: a Kubernetes Service's name; a ServiceEntry's host.
                ServiceName = service is { IsKubernetesService: true } ? service.Name : c.ServiceName,
                ServiceNamespace = c.ServiceNamespace.Length > 0 ? c.ServiceNamespace : service?.Namespace ?? "unknown",
            });
        }
        return result.ToImmutable();
    }

    private static ImmutableArray<ClusterTelemetry> InboundServices(ProxyBuild b)
    {
        var result = ImmutableArray.CreateBuilder<ClusterTelemetry>();
        // Inbound: the service of this workload that the port serves (the first, as the inbound cluster is one per port).
        var labels = b.Self?.Labels ?? b.Node.Labels;
        var self = b.Self ?? new WorkloadInstance { Name = b.Node.Name, Namespace = b.Node.Namespace, Address = b.BindAddress, Labels = labels };
        foreach (var p in b.Inbound)
        {
            var service = b.Push.ServicesSelecting(b.Node.Namespace, labels).FirstOrDefault(s => s.Ports.Any(sp => RegistryBuilder.PortOf(self, sp) == p.Port));
            if (service is null)
                continue;
            result.Add(new ClusterTelemetry
            {
                Cluster = ClusterNames.Inbound(p.Port),
                Service = service.Hostname,
                ServiceName = service.IsKubernetesService ? service.Name : service.Hostname,
                ServiceNamespace = service.Namespace,
            });
        }
        return result.ToImmutable();
    }

    // Istio's metrics merging: prometheus.io/scrape "true" with a port (and a path, /metrics by
    // default). A port the sidecar owns is read from the application behind it, not through the sidecar.
    private static AppMetricsTarget? AppMetrics(ProxyBuild b)
    {
        var annotations = b.Self?.Annotations;
        if (annotations is null || annotations.GetValueOrDefault(ScrapeAnnotation) != "true"
            || !int.TryParse(annotations.GetValueOrDefault(PortAnnotation), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            return null;
        var path = annotations.GetValueOrDefault(PathAnnotation) is { Length: > 0 } p ? p : "/metrics";
        if (b.Node.InboundPorts.FirstOrDefault(m => m.Port == port) is { } mapping)
            return new AppMetricsTarget { Address = mapping.AppAddress, Port = mapping.AppPort, Path = path };
        return new AppMetricsTarget { Address = b.BindAddress, Port = port, Path = path };
    }
}
