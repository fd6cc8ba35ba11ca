using System.Collections.Immutable;
using Weft.Api.Model.Networking;
using Weft.Discovery.Listeners;
using Weft.Discovery.Routes;

namespace Weft.ControlPlane.Translation;

/// <summary>
/// A proxy's listeners (pilot's BuildListeners), for explicit interception: the workload's
/// address A belongs to the sidecar. A:15001 is the HTTP proxy the application uses: absolute-form
/// requests are routed by authority (<c>http_proxy</c>), CONNECT tunnels by target host and port
/// (tcp routes by port, tls routes by SNI), anything else to PassthroughCluster or
/// BlackHoleCluster. A:P for each owned workload port P hands inbound traffic to the application.
/// </summary>
public static class ListenerBuilder
{
    public const int OutboundPort = 15001;
    public const string OutboundListener = "virtualOutbound";

    public static ImmutableArray<Listener> Build(ProxyBuild b, IReadOnlySet<string> clusters) => Build(b, OutboundChains(b, clusters));

    /// <summary>The listeners around outbound filter chains built before (shared per <see cref="OutboundPart"/> key).</summary>
    public static ImmutableArray<Listener> Build(ProxyBuild b, OutboundChains outbound)
    {
        var listeners = ImmutableArray.CreateBuilder<Listener>();
        listeners.Add(new Listener
        {
            Name = OutboundListener,
            Address = b.BindAddress,
            Port = OutboundPort,
            Direction = TrafficDirection.Outbound,
            HttpProxy = true,
            FilterChains = outbound.Chains,
            DefaultFilterChain = outbound.Default,
        });
        foreach (var p in b.Inbound)
            listeners.Add(Inbound(b, p));
        return listeners.ToImmutable();
    }

    /// <summary>The filter chains of <c>virtualOutbound</c>: they depend on what the proxy sees, never on its address.</summary>
    public static OutboundChains OutboundChains(ProxyBuild b, IReadOnlySet<string> clusters)
    {
        var chains = ImmutableArray.CreateBuilder<FilterChain>();
        foreach (var (service, port) in b.OutboundPorts())
        {
            var names = HostNames.CallableNames(service, b.Node.Namespace).ToImmutableArray();
            var baseMatch = new FilterChainMatch { DestinationPort = port.Port, DestinationHosts = names };
            if (service.Hostname.StartsWith('*'))
            {
                // A CONNECT target is one name, never a pattern: a wildcard host is recognised by
                // the SNI of the TLS inside the tunnel, or (plain TCP) not at all.
                if (!port.IsTls)
                    continue;
                baseMatch = new FilterChainMatch { DestinationPort = port.Port, ServerNames = [service.Hostname], TransportProtocol = "tls" };
            }
            if (port.IsTls)
            {
                foreach (var chain in StreamRoutes.TlsChains(b, service, port, baseMatch, clusters))
                    chains.Add(chain);
            }
            if (port.IsTcp || port.IsTls)
            {
                chains.Add(new FilterChain
                {
                    Name = ClusterNames.Outbound(port.Port, "", service.Hostname),
                    Match = baseMatch,
                    Tcp = new TcpProxy { Clusters = StreamRoutes.TcpClusters(b, service, port, clusters), StatPrefix = ClusterNames.Outbound(port.Port, "", service.Hostname) },
                });
            }
            else
            {
                // A client that tunnels to an HTTP service gets HTTP routing inside the tunnel.
                chains.Add(new FilterChain
                {
                    Name = ClusterNames.Outbound(port.Port, "", service.Hostname),
                    Match = baseMatch,
                    Http = new HttpConnectionManager { RouteConfigName = RouteBuilder.HttpProxyRoute },
                });
            }
        }
        chains.AddRange(Egress.AddressRangeChains.Build(b, clusters));
        chains.Add(new FilterChain
        {
            Name = RouteBuilder.HttpProxyRoute,
            Match = new FilterChainMatch { DestinationPort = OutboundPort },
            Http = new HttpConnectionManager { RouteConfigName = RouteBuilder.HttpProxyRoute },
        });
        var registryOnly = b.Scope.OutboundMode == OutboundTrafficPolicyMode.RegistryOnly;
        return new OutboundChains(chains.ToImmutable(), new FilterChain
        {
            Name = registryOnly ? "BlackHoleFilterChain" : "PassthroughFilterChain",
            Tcp = new TcpProxy { Clusters = [new WeightedCluster { Name = registryOnly ? ClusterNames.BlackHole : ClusterNames.Passthrough }] },
        });
    }

    private static Listener Inbound(ProxyBuild b, InboundPort p)
    {
        var cluster = ClusterNames.Inbound(p.Port);
        var tcp = new FilterChain { Name = cluster + "tcp", Tcp = new TcpProxy { Clusters = [new WeightedCluster { Name = cluster }], StatPrefix = cluster } };
        var http = new FilterChain { Name = cluster + "http", Http = new HttpConnectionManager { RouteConfigName = cluster } };
        // A sniffed port takes both: raw bytes and TLS go to the TCP chain (listed first), HTTP
        // (HTTP/1.1 from plaintext clients, h2c from sidecars) to the HTTP chain.
        ImmutableArray<FilterChain> chains = p.Protocol == PortProtocol.Unsupported ? [tcp, http]
            : p.Protocol.IsHttp() ? [http]
            : [tcp];
        return new Listener
        {
            Name = $"{b.BindAddress}_{p.Port}",
            Address = b.BindAddress,
            Port = p.Port,
            Direction = TrafficDirection.Inbound,
            FilterChains = chains,
        };
    }
}
