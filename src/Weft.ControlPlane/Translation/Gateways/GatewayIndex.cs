using System.Collections.Immutable;
using Weft.Api.Model.Core;
using Weft.Api.Model.Mesh;
using Weft.Api.Model.Meta;
using Weft.Api.Model.Networking;
using Weft.ControlPlane.Config;

namespace Weft.ControlPlane.Translation.Gateways;

/// <summary>
/// Every gateway of one config revision, indexed once per push: Istio Gateways and Gateway API
/// Gateways (converted as Istio converts them), the VirtualServices bound to gateways, the Gateway
/// API routes as route sets, and the TLS secrets servers name by credentialName.
/// </summary>
public sealed class GatewayIndex
{
    private GatewayIndex(ImmutableArray<GatewayConfig> gateways, ImmutableArray<VirtualServiceEntry> virtualServices,
        ImmutableArray<GatewayRouteSet> apiRoutes, ImmutableDictionary<string, Secret> secrets, GatewayApiStatus status)
    {
        Gateways = gateways;
        VirtualServices = virtualServices;
        ApiRoutes = apiRoutes;
        Secrets = secrets;
        Status = status;
    }

    public static GatewayIndex Empty { get; } = new([], [], [], ImmutableDictionary<string, Secret>.Empty, GatewayApiStatus.Empty);

    /// <summary>Istio Gateways oldest first, then the Gateway API's.</summary>
    public ImmutableArray<GatewayConfig> Gateways { get; }

    /// <summary>VirtualServices whose <c>gateways</c> name at least one gateway (keys resolved to <c>ns/name</c>), oldest first.</summary>
    public ImmutableArray<VirtualServiceEntry> VirtualServices { get; }

    /// <summary>Gateway API routes, already attached, ordered and intersected with their listeners' hostnames.</summary>
    public ImmutableArray<GatewayRouteSet> ApiRoutes { get; }

    /// <summary>Secrets by <c>ns/name</c>, for credentialName and certificateRefs.</summary>
    public ImmutableDictionary<string, Secret> Secrets { get; }

    /// <summary>The status the control plane writes on Gateway API objects at this revision.</summary>
    public GatewayApiStatus Status { get; }

    public static GatewayIndex Build(ConfigSnapshot config, MeshConfig mesh, ImmutableArray<MeshService> services)
    {
        var gateways = ImmutableArray.CreateBuilder<GatewayConfig>();
        foreach (var g in Oldest(config.OfType<Gateway>()))
        {
            var key = $"{g.Namespace}/{g.Name}";
            var servers = ImmutableArray.CreateBuilder<GatewayServer>();
            var i = 0;
            foreach (var s in g.Spec?.Servers ?? [])
            {
                if (s.Port?.Number is not { } number)
                    continue;
                servers.Add(new GatewayServer(key, (int)number, (s.Port.Protocol ?? "HTTP").ToUpperInvariant(),
                    [.. (s.Hosts ?? []).Select(h => GatewayHost.Parse(h, g.Namespace))], s.Tls, s.Name ?? s.Port.Name ?? $"{key}#{i}"));
                i++;
            }
            gateways.Add(new GatewayConfig(key, g.Namespace, g.Name, g.Spec?.Selector, false, servers.ToImmutable(), "Gateway"));
        }

        var vs = ImmutableArray.CreateBuilder<VirtualServiceEntry>();
        foreach (var v in Oldest(config.OfType<VirtualService>()))
        {
            var spec = v.Spec ?? new VirtualServiceSpec();
            if (spec.Hosts is not { Count: > 0 } hosts || spec.Gateways is not { Count: > 0 } named)
                continue;
            var keys = named.Where(n => n != PushContext.MeshGateway).Select(n => GatewayKey(n, v.Namespace)).ToImmutableArray();
            if (keys.IsEmpty)
                continue;
            vs.Add(new VirtualServiceEntry(v, [.. hosts.Select(h => HostNames.Resolve(h, v.Namespace))], keys,
                Visibility.Of(spec.ExportTo, mesh.DefaultVirtualServiceExportTo, v.Namespace)));
        }

        var secrets = config.OfType<Secret>().ToImmutableDictionary(s => $"{s.Namespace}/{s.Name}", StringComparer.Ordinal);
        var api = GatewayApiConverter.Convert(config, services);
        gateways.AddRange(api.Gateways);
        return new GatewayIndex(gateways.ToImmutable(), vs.ToImmutable(), api.Routes, secrets, api.Status);
    }

    /// <summary>A gateway as a VirtualService names it: <c>ns/name</c>, or <c>name</c> in the VirtualService's namespace.</summary>
    public static string GatewayKey(string named, string vsNamespace) =>
        named.Contains('/', StringComparison.Ordinal) ? named : $"{vsNamespace}/{named}";

    private static IEnumerable<T> Oldest<T>(IEnumerable<T> objects) where T : KubeObject =>
        objects.OrderBy(o => o.Metadata.CreationTimestamp ?? "", StringComparer.Ordinal)
            .ThenBy(o => o.Namespace, StringComparer.Ordinal).ThenBy(o => o.Name, StringComparer.Ordinal);
}
