using Weft.Api.Model.Networking;
using Weft.Api.Tests.Security;
using static Weft.Api.Tests.Networking.NetworkingManifests;

namespace Weft.Api.Tests.Networking;

public class EnvoyFilterTests
{
    internal const string Rich = """
        apiVersion: networking.istio.io/v1alpha3
        kind: EnvoyFilter
        metadata:
          name: travels-lua
          namespace: travel-agency
        spec:
          workloadSelector:
            labels: {app: travels}
          priority: 10
          configPatches:
          - applyTo: HTTP_FILTER
            match:
              context: SIDECAR_INBOUND
              proxy:
                proxyVersion: '^1\.2[0-9].*'
                metadata: {ISTIO_VERSION: "1.24"}
              listener:
                portNumber: 8000
                portName: http
                name: virtualInbound
                listenerFilter: envoy.filters.listener.tls_inspector
                filterChain:
                  name: inbound
                  sni: travels.example.com
                  transportProtocol: raw_buffer
                  applicationProtocols: http/1.1
                  destinationPort: 8000
                  transportSocket: envoy.transport_sockets.tls
                  filter:
                    name: envoy.filters.network.http_connection_manager
                    subFilter: {name: envoy.filters.http.router}
            patch:
              operation: INSERT_BEFORE
              filterClass: AUTHZ
              value:
                name: envoy.lua
                typed_config:
                  "@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua
                  inlineCode: "function envoy_on_request(h) end"
          - applyTo: VIRTUAL_HOST
            match:
              context: GATEWAY
              routeConfiguration:
                portNumber: 443
                portName: https
                gateway: istio-system/travel-gateway
                name: https.443.https.travel-gateway.istio-system
                vhost:
                  name: portal.example.com:443
                  domainName: portal.example.com
                  route: {name: default, action: ROUTE}
            patch:
              operation: MERGE
              value: {request_headers_to_add: [{header: {key: x-gw, value: weft}}]}
          - applyTo: CLUSTER
            match:
              context: SIDECAR_OUTBOUND
              cluster: {portNumber: 3306, service: mysqldb.travel-agency.svc.cluster.local, subset: v1, name: outbound|3306|v1|mysqldb}
            patch:
              operation: MERGE
              value: {connect_timeout: 2s}
          - applyTo: HTTP_FILTER
            match:
              context: WAYPOINT
              waypoint:
                portNumber: 15008
                filter:
                  name: envoy.filters.network.http_connection_manager
                  subFilter: {name: envoy.filters.http.router}
                route: {name: default}
            patch:
              operation: REMOVE
        ---
        apiVersion: networking.istio.io/v1alpha3
        kind: EnvoyFilter
        metadata:
          name: gateway-tweak
          namespace: istio-system
        spec:
          targetRefs:
          - {group: gateway.networking.k8s.io, kind: Gateway, name: travel-gateway, namespace: ""}
          configPatches:
          - applyTo: LISTENER
            patch:
              operation: MERGE
              value: {per_connection_buffer_limit_bytes: 32768}
        """;

    [Fact]
    public void Rich_envoy_filters_round_trip_through_yaml_and_json()
    {
        var filters = Manifests.LoadAll(Rich).Cast<EnvoyFilter>().ToList();
        UnsetTypeFields([.. filters]).Should().BeEmpty();
        foreach (var ef in filters)
            RoundTrips(ef);
        // The patch value is kept as written, Envoy's field names and all.
        filters[0].Spec!.ConfigPatches![0].Patch!.Value!.ToString().Should().Be(
            "{\"name\":\"envoy.lua\",\"typed_config\":{\"@type\":\"type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua\",\"inlineCode\":\"function envoy_on_request(h) end\"}}");
    }

    public static TheoryData<string, string, string[]> Invalid() => new()
    {
        {
            "a patch without applyTo",
            "configPatches: [{patch: {operation: REMOVE}}]",
            ["spec.configPatches[0].applyTo: Required value: Envoy filter: missing applyTo"]
        },
        {
            "a merge without a value",
            "configPatches: [{applyTo: CLUSTER, patch: {operation: MERGE}}]",
            ["spec.configPatches[0].patch.value: Required value: Envoy filter: missing patch value for non-remove operation"]
        },
        {
            "a patch without an operation",
            "configPatches: [{applyTo: CLUSTER, patch: {value: {name: x}}}]",
            ["spec.configPatches[0].patch.operation: Required value: Envoy filter: missing patch operation"]
        },
        {
            "a sub-filter match on a network filter patch",
            "configPatches:\n- applyTo: NETWORK_FILTER\n  match: {listener: {filterChain: {filter: {name: envoy.filters.network.http_connection_manager, subFilter: {name: envoy.filters.http.router}}}}}\n  patch: {operation: REMOVE}",
            ["spec.configPatches[0].match.listener.filterChain.filter.subFilter: Forbidden: Envoy filter: subfilter match can be used with applyTo HTTP_FILTER only"]
        },
        {
            "a cluster patch matched by listener",
            "configPatches:\n- applyTo: CLUSTER\n  match: {listener: {portNumber: 80}}\n  patch: {operation: REMOVE}",
            ["spec.configPatches[0].match: Invalid value: Envoy filter: applyTo for cluster class objects cannot have non cluster match"]
        },
        {
            "a selector and target references together",
            "workloadSelector: {labels: {app: a}}\ntargetRefs: [{kind: Service, name: a}]",
            ["spec: Invalid value: \"object\": only one of targetRefs or workloadSelector can be set"]
        },
        {
            "a proxy version regex that does not compile",
            "configPatches:\n- applyTo: CLUSTER\n  match: {proxy: {proxyVersion: \"1.2[\"}}\n  patch: {operation: REMOVE}",
            ["spec.configPatches[0].match.proxy.proxyVersion: Invalid value: \"1.2[\": Envoy filter: invalid regex for proxy version, [Invalid value: \"1.2[\": invalid regex: Invalid pattern '1.2[' at offset 4. Unterminated [] set.; Istio uses RE2 style regex-based match (https://github.com/google/re2/wiki/Syntax)]"]
        },
        {
            "a patch value that is not an object",
            "configPatches: [{applyTo: CLUSTER, patch: {operation: MERGE, value: just text}}]",
            ["spec.configPatches[0].patch.value in body must be of type object: \"string\""]
        },
        {
            "a waypoint match outside the waypoint context",
            "configPatches:\n- applyTo: CLUSTER\n  match: {context: GATEWAY, waypoint: {}}\n  patch: {operation: REMOVE}",
            ["spec.configPatches[0].match: Invalid value: \"object\": only support waypointMatch when context is WAYPOINT"]
        },
        {
            "a target reference in another namespace",
            "targetRefs: [{group: gateway.networking.k8s.io, kind: Gateway, name: gw, namespace: other}]",
            ["spec.targetRefs[0].namespace: Invalid value: \"string\": cross namespace referencing is not currently supported"]
        },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_invalid_envoy_filter_is_refused_with_precise_errors(string why, string spec, string[] expected) =>
        Manifests.Messages(Doc("EnvoyFilter", spec, "v1alpha3")).Should().Equal(expected, why);

    [Fact]
    public void Envoy_filter_is_served_only_as_v1alpha3()
    {
        Manifests.Messages(Doc("EnvoyFilter", "priority: 1")).Should().Equal(
            "apiVersion: Unsupported value: \"networking.istio.io/v1\": supported values: \"networking.istio.io/v1alpha3\"");
    }
}
