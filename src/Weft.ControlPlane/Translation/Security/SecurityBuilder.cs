using System.Collections.Immutable;
using System.Globalization;
using Weft.Api.Model.Mesh;
using Weft.Api.Model.Security;
using Weft.Discovery.Security;
using Weft.Discovery.Snapshot;
using D = Weft.Discovery.Security;

namespace Weft.ControlPlane.Translation.Security;

/// <summary>
/// A proxy's security slot (Istio's authn and authz policy for one workload): the effective
/// PeerAuthentication (workload selector over namespace over root namespace; UNSET inherits;
/// portLevelMtls from the workload's policy), the AuthorizationPolicies that select it (root
/// namespace ones mesh-wide, its namespace's, selectors and targetRefs), the JWT rules of its
/// RequestAuthentications, and path normalization.
/// </summary>
public static class SecurityBuilder
{
    public static SecurityConfig Build(ProxyBuild b)
    {
        var index = b.Push.Security;
        ImmutableArray<D.AuthorizationPolicy> policies = [.. AuthorizationPoliciesFor(index, b.Push.RootNamespace, b.Push.TrustDomain, b.Node)];
        var providers = ExtAuthzProviders(b, policies);
        return new SecurityConfig
        {
            TrustDomain = b.Push.TrustDomain,
            PeerAuthentication = PeerAuthenticationFor(index, b.Push.RootNamespace, b.Node),
            AuthorizationPolicies = policies,
            ExtAuthzProviders = providers.IsEmpty ? null : providers,
            JwtProviders = RequestAuthenticationBuilder.Build(index, b.Push.RootNamespace, b.Node),
            PathNormalization = index.PathNormalization switch
            {
                PathNormalizationType.None => D.PathNormalization.None,
                PathNormalizationType.MergeSlashes => D.PathNormalization.MergeSlashes,
                PathNormalizationType.DecodeAndMergeSlashes => D.PathNormalization.DecodeAndMergeSlashes,
                _ => null,
            },
        };
    }

    /// <summary>
    /// The envoyExtAuthzHttp (and envoyExtAuthzGrpc) providers the proxy's CUSTOM policies name, each pointed at the
    /// proxy's cluster for its service and port (Istio resolves the service the same way). A
    /// provider that is not HTTP ext_authz, or whose service the proxy cannot see, is left out, so
    /// its policies deny (Istio also fails closed on a bad provider).
    /// </summary>
    public static ImmutableArray<ExtAuthzProvider> ExtAuthzProviders(ProxyBuild b, ImmutableArray<D.AuthorizationPolicy> policies)
    {
        var names = policies.Where(p => p.Action == AuthorizationAction.Custom && p.Provider is not null).Select(p => p.Provider!).ToHashSet(StringComparer.Ordinal);
        var result = ImmutableArray.CreateBuilder<ExtAuthzProvider>();
        foreach (var provider in b.Push.Mesh.ExtensionProviders ?? [])
        {
            if (provider.Name is { } grpcName && provider.EnvoyExtAuthzGrpc is { Service: { } grpcHost, Port: { } grpcPort } grpc && names.Remove(grpcName))
            {
                if (b.FindService(grpcHost) is { } grpcService)
                {
                    result.Add(new ExtAuthzProvider
                    {
                        Name = grpcName,
                        Grpc = true,
                        Cluster = ClusterNames.Outbound((int)grpcPort, "", grpcService.Hostname),
                        Authority = $"{grpcService.Hostname}:{grpcPort}",
                        Timeout = grpc.Timeout is { } gt && gt.TryGetValue(out var gv) && gv > TimeSpan.Zero ? gv : TimeSpan.FromSeconds(10),
                        FailOpen = grpc.FailOpen == true,
                        StatusOnError = int.TryParse(grpc.StatusOnError, NumberStyles.None, CultureInfo.InvariantCulture, out var gs) && gs is >= 200 and <= 599 ? gs : 403,
                    });
                }
                continue;
            }
            if (provider.Name is not { } name || !names.Remove(name) || provider.EnvoyExtAuthzHttp is not { } http || http.Service is not { } host || http.Port is not { } port)
                continue;
            var service = b.FindService(host);
            if (service is null)
                continue;
            var timeout = http.Timeout is { } t && t.TryGetValue(out var value) && value > TimeSpan.Zero ? value : TimeSpan.FromSeconds(10);
            result.Add(new ExtAuthzProvider
            {
                Name = name,
                Cluster = ClusterNames.Outbound((int)port, "", service.Hostname),
                Authority = $"{service.Hostname}:{port}",
                PathPrefix = http.PathPrefix ?? "",
                Timeout = timeout,
                FailOpen = http.FailOpen == true,
                StatusOnError = int.TryParse(http.StatusOnError, NumberStyles.None, CultureInfo.InvariantCulture, out var status) && status is >= 200 and <= 599 ? status : 403,
                IncludeRequestHeaders = [.. http.IncludeRequestHeadersInCheck ?? http.IncludeHeadersInCheck ?? []],
                AdditionalHeaders = (http.IncludeAdditionalHeadersInCheck ?? new Dictionary<string, string>()).ToImmutableSortedDictionary(StringComparer.Ordinal),
                HeadersToUpstreamOnAllow = [.. http.HeadersToUpstreamOnAllow ?? []],
                HeadersToDownstreamOnDeny = [.. http.HeadersToDownstreamOnDeny ?? []],
            });
        }
        return result.ToImmutable();
    }

    public static PeerAuthenticationConfig PeerAuthenticationFor(SecurityIndex index, string rootNamespace, NodeInfo node)
    {
        PeerAuthentication? mesh = null, ns = null, workload = null;
        foreach (var pa in index.PeerAuthentications)
        {
            var selector = pa.Spec?.Selector?.MatchLabels;
            if (selector is { Count: > 0 })
            {
                if (pa.Namespace == node.Namespace && workload is null && Labels.Match(selector, node.Labels))
                    workload = pa;
                continue;
            }
            if (pa.Namespace == rootNamespace)
                mesh ??= pa;
            if (pa.Namespace == node.Namespace)
                ns ??= pa;
        }
        var mode = MtlsMode.Permissive;
        foreach (var level in (ReadOnlySpan<PeerAuthentication?>)[mesh, ns, workload])
            if (Mode(level?.Spec?.Mtls?.Mode) is { } m)
                mode = m;
        var ports = ImmutableSortedDictionary.CreateBuilder<int, MtlsMode>();
        foreach (var (key, value) in workload?.Spec?.PortLevelMtls ?? new Dictionary<string, PeerAuthenticationMutualTls>())
            if (int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && Mode(value.Mode) is { } m)
                ports[port] = m;
        return new PeerAuthenticationConfig { Mode = mode, PortModes = ports.ToImmutable() };
    }

    private static MtlsMode? Mode(MutualTlsMode? mode) => mode switch
    {
        MutualTlsMode.Strict => MtlsMode.Strict,
        MutualTlsMode.Permissive => MtlsMode.Permissive,
        MutualTlsMode.Disable => MtlsMode.Disable,
        _ => null,
    };

    public static IEnumerable<D.AuthorizationPolicy> AuthorizationPoliciesFor(SecurityIndex index, string rootNamespace, string trustDomain, NodeInfo node)
    {
        foreach (var p in index.AuthorizationPolicies)
        {
            var spec = p.Spec ?? new AuthorizationPolicySpec();
            if (!Selects(p, spec.Selector, spec.TargetRef, spec.TargetRefs, rootNamespace, node))
                continue;
            yield return new D.AuthorizationPolicy
            {
                Name = p.Name,
                Namespace = p.Namespace,
                Action = spec.Action switch
                {
                    AuthorizationPolicyAction.Deny => AuthorizationAction.Deny,
                    AuthorizationPolicyAction.Audit => AuthorizationAction.Audit,
                    AuthorizationPolicyAction.Custom => AuthorizationAction.Custom,
                    _ => AuthorizationAction.Allow,
                },
                Provider = spec.Provider?.Name,
                Rules = [.. (spec.Rules ?? []).Select(r => Rule(r, p.Namespace, trustDomain))],
            };
        }
    }

    /// <summary>
    /// Istio's selection: targetRefs attach to a gateway only (never a sidecar); otherwise a policy
    /// of the root namespace applies mesh-wide, one of the workload's namespace to it; a selector
    /// narrows either to the workloads carrying its labels.
    /// </summary>
    public static bool Selects(Api.Model.Meta.KubeObject p, Api.Model.Istio.WorkloadSelector? selector, Api.Model.Istio.PolicyTargetReference? targetRef,
        IReadOnlyList<Api.Model.Istio.PolicyTargetReference>? targetRefs, string rootNamespace, NodeInfo node)
    {
        var refs = targetRefs is { Count: > 0 } many ? many : targetRef is { } one ? [one] : null;
        if (refs is not null)
            return node.Mode != ProxyMode.Sidecar && p.Namespace == node.Namespace && refs.Any(r =>
                r.Kind == "Gateway" && (r.Name == node.Name || (node.Labels.TryGetValue("gateway.networking.k8s.io/gateway-name", out var g) && g == r.Name)));
        if (p.Namespace != rootNamespace && p.Namespace != node.Namespace)
            return false;
        return selector?.MatchLabels is not { Count: > 0 } labels || Labels.Match(labels, node.Labels);
    }

    private static D.AuthorizationRule Rule(Api.Model.Security.AuthorizationRule r, string policyNamespace, string trustDomain) => new()
    {
        From = [.. (r.From ?? []).Select(f => Source(f.Source ?? new RuleSource(), policyNamespace, trustDomain))],
        To = [.. (r.To ?? []).Select(t => Operation(t.Operation ?? new RuleOperation()))],
        When = [.. (r.When ?? []).Select(c => new AuthorizationCondition { Key = c.Key ?? "", Values = [.. c.Values ?? []], NotValues = [.. c.NotValues ?? []] })],
    };

    private static AuthorizationSource Source(RuleSource s, string policyNamespace, string trustDomain)
    {
        // serviceAccounts are principals of the trust domain (NS/SA, or SA in the policy's namespace); trustDomains a principal prefix.
        string Account(string sa) => sa.Contains('/', StringComparison.Ordinal)
            ? $"{trustDomain}/ns/{sa[..sa.IndexOf('/', StringComparison.Ordinal)]}/sa/{sa[(sa.IndexOf('/', StringComparison.Ordinal) + 1)..]}"
            : $"{trustDomain}/ns/{policyNamespace}/sa/{sa}";
        IEnumerable<string> principals = [.. s.Principals ?? [], .. (s.ServiceAccounts ?? []).Select(Account)];
        if (s.TrustDomains is { Count: > 0 } tds && s.Principals is not { Count: > 0 } && s.ServiceAccounts is not { Count: > 0 })
            principals = tds.Select(td => td + "/*");
        IEnumerable<string> notPrincipals = [.. s.NotPrincipals ?? [], .. (s.NotServiceAccounts ?? []).Select(Account), .. (s.NotTrustDomains ?? []).Select(td => td + "/*")];
        return new AuthorizationSource
        {
            Principals = [.. principals],
            NotPrincipals = [.. notPrincipals],
            Namespaces = [.. s.Namespaces ?? []],
            NotNamespaces = [.. s.NotNamespaces ?? []],
            IpBlocks = [.. s.IpBlocks ?? []],
            NotIpBlocks = [.. s.NotIpBlocks ?? []],
            RemoteIpBlocks = [.. s.RemoteIpBlocks ?? []],
            NotRemoteIpBlocks = [.. s.NotRemoteIpBlocks ?? []],
            RequestPrincipals = [.. s.RequestPrincipals ?? []],
            NotRequestPrincipals = [.. s.NotRequestPrincipals ?? []],
        };
    }

    private static AuthorizationOperation Operation(RuleOperation o) => new()
    {
        Hosts = [.. o.Hosts ?? []],
        NotHosts = [.. o.NotHosts ?? []],
        Ports = [.. o.Ports ?? []],
        NotPorts = [.. o.NotPorts ?? []],
        Methods = [.. o.Methods ?? []],
        NotMethods = [.. o.NotMethods ?? []],
        Paths = [.. o.Paths ?? []],
        NotPaths = [.. o.NotPaths ?? []],
    };
}
